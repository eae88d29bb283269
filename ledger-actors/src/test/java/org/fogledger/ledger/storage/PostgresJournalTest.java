package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal on PostgreSQL, in a schema of its own per test, dropped afterwards. Fails if PostgreSQL is down. */
class PostgresJournalTest {
    private static final String NODE = "validator-1";

    private StorageChoice.Postgres pg;
    private String schema;

    @BeforeEach
    void setUp() {
        schema = PostgresTestServer.uniqueSchema("fogledger_test");
        pg = PostgresTestServer.require(schema);
    }

    @AfterEach
    void dropSchema() {
        if (pg != null) {
            SchemaCreator.dropPostgresSchema(pg, schema);
        }
    }

    @Test
    void eventsRecoverInANewActorSystemOnTheSameSchema() throws Exception {
        JournalRoundTrip.eventsSurviveRestart(NODE, pg);
        assertEquals(6, count("SELECT COUNT(*) FROM " + schema + ".event_journal"
                + " WHERE persistence_id = 'Counter|events'"));
    }

    @Test
    void snapshotsRecoverInANewActorSystemOnTheSameSchema() throws Exception {
        JournalRoundTrip.snapshotsSurviveRestart(NODE, pg);
        assertEquals(12, count("SELECT COUNT(*) FROM " + schema + ".event_journal"));
        assertTrue(count("SELECT COUNT(*) FROM " + schema + ".snapshot") >= 1);
    }

    @Test
    void schemaCreationIsIdempotentAndOwned() throws Exception {
        SchemaCreator.ensure(NODE, pg);
        SchemaCreator.ensure(NODE, pg);
        assertEquals(1, count("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"));
        // The plugin's four tables, the owner, the committed blocks and their execution results.
        assertEquals(7, count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'"));
        assertEquals(1, count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = 'fogledger_committed_block'"));
        StorageSetupException e = assertThrows(StorageSetupException.class,
                () -> SchemaCreator.ensure("validator-2", pg));
        assertTrue(e.getMessage().contains("belongs to node '" + NODE + "'"), e.getMessage());
    }

    @Test
    void dropRemovesTheSchema() throws Exception {
        SchemaCreator.ensure(NODE, pg);
        SchemaCreator.drop(NODE, pg);
        assertEquals(0, count("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"));
        assertFalse(schema.isEmpty());
    }

    @Test
    void derivedSchemaIsUsedWhenNoneIsConfigured() throws Exception {
        // A node name no one else uses, so the derived schema is unique to this run.
        String node = "derived-" + schema.substring(schema.lastIndexOf('_') + 1);
        StorageChoice.Postgres derived = new StorageChoice.Postgres(pg.host(), pg.port(), pg.database(), pg.user(),
                pg.password(), null, 2);
        String expected = StorageNames.schemaForNode(node);
        try {
            SchemaCreator.ensure(node, derived);
            assertEquals(expected, derived.schemaFor(node));
            assertEquals(1, count("SELECT COUNT(*) FROM " + expected + ".fogledger_storage_owner"
                    + " WHERE node_name = '" + node + "'"));
        } finally {
            SchemaCreator.dropPostgresSchema(pg, expected);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.connectionProperties());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
