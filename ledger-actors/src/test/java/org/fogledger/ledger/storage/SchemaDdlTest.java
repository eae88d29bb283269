package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * FogLedger runs its own copies of pekko-persistence-jdbc's DDL (idempotent, schema-qualified). These tests keep
 * the copies in step with the DDL in the plugin jar on the classpath: same tables, same columns, same types.
 */
class SchemaDdlTest {
    private static final String PLUGIN_H2 = "schema/h2/h2-create-schema.sql";
    private static final String PLUGIN_POSTGRES = "schema/postgres/postgres-create-schema.sql";
    /** FogLedger's own tables, which the plugin does not have. */
    private static final java.util.List<String> OWN_TABLES = java.util.List.of("fogledger_storage_owner",
            "fogledger_committed_block", "fogledger_block_results");

    @Test
    void h2CopyHasThePluginsColumns() throws Exception {
        Set<String> plugin;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plugin_ddl;DB_CLOSE_DELAY=0", "sa", "")) {
            run(c, SchemaCreator.split(resource(PLUGIN_H2), null));
            plugin = h2Columns(c);
        }
        Set<String> ours;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:our_ddl;DB_CLOSE_DELAY=0", "sa", "")) {
            List<String> ddl = SchemaCreator.statements(SchemaCreator.H2_DDL, null);
            run(c, ddl);
            run(c, ddl); // idempotent
            ours = h2Columns(c);
        }
        ours.removeIf(SchemaDdlTest::ownTable);
        assertTrue(plugin.size() > 30, "plugin columns: " + plugin);
        assertEquals(plugin, ours);
    }

    @Test
    void postgresCopyHasThePluginsColumns() throws Exception {
        String pluginSchema = PostgresTestServer.uniqueSchema("fogledger_plugin");
        String ourSchema = PostgresTestServer.uniqueSchema("fogledger_ours");
        StorageChoice.Postgres pg = PostgresTestServer.require(ourSchema);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.connectionProperties())) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + pluginSchema);
            }
            // The plugin's DDL names public. and leaves its foreign key's target unqualified: search_path does it.
            try (Connection inPluginSchema = DriverManager.getConnection(
                    pg.jdbcUrl() + "?currentSchema=" + pluginSchema, pg.connectionProperties())) {
                run(inPluginSchema,
                        SchemaCreator.split(resource(PLUGIN_POSTGRES).replace("public.", pluginSchema + "."), null));
            }
            SchemaCreator.ensure("validator-1", pg);
            SchemaCreator.ensure("validator-1", pg);
            Set<String> plugin = pgColumns(c, pluginSchema);
            Set<String> ours = pgColumns(c, ourSchema);
            ours.removeIf(SchemaDdlTest::ownTable);
            assertTrue(plugin.size() > 30, "plugin columns: " + plugin);
            assertEquals(plugin, ours);
            assertEquals(pgIndexes(c, pluginSchema), pgIndexes(c, ourSchema));
        } finally {
            SchemaCreator.dropPostgresSchema(pg, pluginSchema);
            SchemaCreator.dropPostgresSchema(pg, ourSchema);
        }
    }

    @Test
    void schemaPlaceholderIsReplacedOnlyByValidNames() {
        List<String> ddl = SchemaCreator.statements(SchemaCreator.POSTGRES_DDL, "fogledger_v1");
        assertTrue(ddl.stream().noneMatch(s -> s.contains("${schema}") || s.contains("public.")), ddl.toString());
        assertTrue(ddl.get(0).startsWith("CREATE TABLE IF NOT EXISTS fogledger_v1.event_journal"), ddl.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> SchemaCreator.statements(SchemaCreator.POSTGRES_DDL, "x; DROP TABLE y"));
        assertThrows(IllegalStateException.class, () -> SchemaCreator.statements(SchemaCreator.POSTGRES_DDL, null));
    }

    private static boolean ownTable(String row) {
        return OWN_TABLES.stream().anyMatch(table -> row.startsWith(table + "."));
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Set<String> h2Columns(Connection c) throws SQLException {
        return rows(c, "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?", "PUBLIC");
    }

    private static Set<String> pgColumns(Connection c, String schema) throws SQLException {
        return rows(c, "SELECT table_name, column_name, data_type, is_nullable, character_maximum_length "
                + "FROM information_schema.columns WHERE table_schema = ?", schema);
    }

    private static Set<String> pgIndexes(Connection c, String schema) throws SQLException {
        Set<String> all = rows(c, "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = ?", schema);
        all.removeIf(SchemaDdlTest::ownTable);
        return all;
    }

    private static Set<String> rows(Connection c, String sql, String param) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? "." : "").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaDdlTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath (pekko-persistence-jdbc jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
