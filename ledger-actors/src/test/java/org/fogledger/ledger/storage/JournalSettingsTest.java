package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalSettingsTest {
    private static final Path CONFIG_DIR = Path.of("..", "config");

    /** The fragment under the project's reference config, resolved: what a node's ActorSystem sees. */
    private static Config effective(String node, StorageChoice choice) {
        return JournalSettings.forNode(node, choice).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void h2SelectsTheJdbcPluginsAndAFileUnderTheDataDir(@org.junit.jupiter.api.io.TempDir Path dir) {
        Config c = effective("validator-1", new StorageChoice.H2(dir, 4));
        assertEquals("jdbc-journal", c.getString("pekko.persistence.journal.plugin"));
        assertEquals("jdbc-snapshot-store", c.getString("pekko.persistence.snapshot-store.plugin"));
        for (String plugin : List.of("jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal")) {
            assertEquals("slick", c.getString(plugin + ".use-shared-db"), plugin);
        }
        Config db = c.getConfig("pekko-persistence-jdbc.shared-databases.slick");
        assertEquals("slick.jdbc.H2Profile$", db.getString("profile"));
        assertEquals("jdbc:h2:file:" + dir.toAbsolutePath().resolve("journal") + ";DB_CLOSE_ON_EXIT=FALSE",
                db.getString("db.url"));
        assertEquals("org.h2.Driver", db.getString("db.driver"));
        assertEquals(4, db.getInt("db.maxConnections"));
        assertEquals(4, db.getInt("db.numThreads"));
        // The plugin's own defaults for the shared database still apply underneath.
        assertEquals(10000, db.getInt("db.queueSize"));
        assertEquals("", c.getString("jdbc-journal.tables.event_journal.schemaName"));
    }

    @Test
    void postgresUsesTheNodesSchemaEverywhere() {
        StorageChoice.Postgres pg = new StorageChoice.Postgres("127.0.0.1", 5432, "test", "postgres", "", null, 8);
        Config c = effective("validator-1", pg);
        Config db = c.getConfig("pekko-persistence-jdbc.shared-databases.slick");
        assertEquals("slick.jdbc.PostgresProfile$", db.getString("profile"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=fogledger_validator_1",
                db.getString("db.url"));
        assertEquals("org.postgresql.Driver", db.getString("db.driver"));
        for (String path : List.of("jdbc-journal.tables.event_journal", "jdbc-journal.tables.event_tag",
                "jdbc-read-journal.tables.event_journal", "jdbc-read-journal.tables.event_tag",
                "jdbc-snapshot-store.tables.snapshot")) {
            assertEquals("fogledger_validator_1", c.getString(path + ".schemaName"), path);
        }
        // Table names themselves are untouched.
        assertEquals("event_journal", c.getString("jdbc-read-journal.tables.event_journal.tableName"));
    }

    @Test
    void explicitSchemaWinsOverTheDerivedOne() {
        StorageChoice.Postgres pg = new StorageChoice.Postgres("db.example", 5433, "fog", "fog", "secret",
                "ledger_v1", 8);
        assertEquals("ledger_v1", pg.schemaFor("validator-1"));
        assertEquals("jdbc:postgresql://db.example:5433/fog?currentSchema=ledger_v1", pg.jdbcUrlFor("validator-1"));
        assertFalse(pg.toString().contains("secret"), "no password in toString");
    }

    @Test
    void derivedSchemaNames() {
        assertEquals("fogledger_validator_1", StorageNames.schemaForNode("validator-1"));
        assertEquals("fogledger_v2", StorageNames.schemaForNode("v2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Public", "fog-ledger", "fog ledger", "x;drop schema public", "\"x\"", "1abc",
            "pg_catalog", "sch\u00e9ma", "a.b"})
    void invalidSchemaNamesAreRefused(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageNames.requireSchemaName(name));
        assertTrue(e.getMessage().startsWith("schema name"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new StorageChoice.Postgres("h", 5432, "d", "u", "", name.isEmpty() ? "X" : name, 1));
    }

    @Test
    void tooLongSchemaNameIsRefused() {
        assertEquals("a".repeat(63), StorageNames.requireSchemaName("a".repeat(63)));
        assertThrows(IllegalArgumentException.class, () -> StorageNames.requireSchemaName("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Validator-1", "-v", "v.1", "v 1", "v;1", "v/1"})
    void invalidNodeNamesAreRefused(String node) {
        assertThrows(IllegalArgumentException.class, () -> StorageNames.requireNodeName(node));
        assertThrows(IllegalArgumentException.class,
                () -> JournalSettings.forNode(node, new StorageChoice.H2(Path.of("x"), 1)));
    }

    @Test
    void h2DataDirWithSemicolonIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StorageChoice.H2(Path.of("/tmp/a;INIT=RUNSCRIPT FROM 'x'"), 1));
        assertTrue(e.getMessage().contains("';'"), e.getMessage());
    }

    @Test
    void referenceDefaultsAreH2UnderDataSlashNode() {
        StorageChoice choice = StorageChoice.fromConfig(ConfigFactory.load(), "validator-3");
        StorageChoice.H2 h2 = assertInstanceOf(StorageChoice.H2.class, choice);
        assertEquals(Path.of("data", "validator-3").toAbsolutePath(), h2.dataDir());
        assertEquals(8, h2.poolSize());
    }

    @Test
    void unknownKindIsRefused() {
        Config c = ConfigFactory.parseString("fogledger.storage.kind = mysql").withFallback(ConfigFactory.load());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageChoice.fromConfig(c, "validator-1"));
        assertTrue(e.getMessage().contains("mysql"), e.getMessage());
    }

    @Test
    void exampleH2ConfigParses() {
        assertTrue(Files.exists(CONFIG_DIR.resolve("validator-h2.conf")));
        Config c = ConfigFactory.parseFile(CONFIG_DIR.resolve("validator-h2.conf").toFile())
                .withFallback(ConfigFactory.load()).resolve();
        assertInstanceOf(StorageChoice.H2.class, StorageChoice.fromConfig(c, "validator-1"));
    }

    @Test
    void examplePostgresConfigParses() {
        Config c = ConfigFactory.parseFile(CONFIG_DIR.resolve("validator-postgres.conf").toFile())
                .withFallback(ConfigFactory.load()).resolve();
        StorageChoice.Postgres pg = assertInstanceOf(StorageChoice.Postgres.class,
                StorageChoice.fromConfig(c, "validator-1"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=fogledger_validator_1",
                pg.jdbcUrlFor("validator-1"));
    }
}
