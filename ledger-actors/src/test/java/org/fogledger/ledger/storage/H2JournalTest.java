package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2JournalTest {
    @TempDir
    Path dataDir;

    private StorageChoice.H2 h2() {
        return new StorageChoice.H2(dataDir.resolve("validator-1"), 4);
    }

    @Test
    void eventsRecoverInANewActorSystemOnTheSameFile() throws Exception {
        StorageChoice.H2 choice = h2();
        JournalRoundTrip.eventsSurviveRestart("validator-1", choice);
        assertTrue(Files.exists(choice.dataDir().resolve("journal.mv.db")), "journal file under the data dir");
        assertEquals(6, count(choice, "SELECT COUNT(*) FROM PUBLIC.\"event_journal\""));
    }

    @Test
    void snapshotsRecoverInANewActorSystemOnTheSameFile() throws Exception {
        StorageChoice.H2 choice = h2();
        JournalRoundTrip.snapshotsSurviveRestart("validator-1", choice);
        assertTrue(count(choice, "SELECT COUNT(*) FROM PUBLIC.\"snapshot\"") >= 1);
    }

    @Test
    void schemaCreationIsIdempotent() throws Exception {
        StorageChoice.H2 choice = h2();
        SchemaCreator.ensure("validator-1", choice);
        SchemaCreator.ensure("validator-1", choice);
        assertEquals(0, count(choice, "SELECT COUNT(*) FROM PUBLIC.\"event_journal\""));
        assertEquals(1, count(choice, "SELECT COUNT(*) FROM PUBLIC.\"fogledger_storage_owner\""));
        assertEquals(0, count(choice, "SELECT COUNT(*) FROM PUBLIC.\"fogledger_committed_block\""));
    }

    @Test
    void anotherNodeIsRefusedOnTheSameDatabase() {
        StorageChoice.H2 choice = h2();
        SchemaCreator.ensure("validator-1", choice);
        StorageSetupException e = assertThrows(StorageSetupException.class,
                () -> SchemaCreator.ensure("validator-2", choice));
        assertTrue(e.getMessage().contains("belongs to node 'validator-1'"), e.getMessage());
    }

    @Test
    void dropRemovesTheTables() throws Exception {
        StorageChoice.H2 choice = h2();
        SchemaCreator.ensure("validator-1", choice);
        SchemaCreator.drop("validator-1", choice);
        assertEquals(0, count(choice, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"));
        SchemaCreator.ensure("validator-2", choice);
    }

    static long count(StorageChoice choice, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(choice.jdbcUrl(), choice.connectionProperties());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
