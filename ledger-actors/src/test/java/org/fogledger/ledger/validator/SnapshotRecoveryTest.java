package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery time bounded by snapshots, on the embedded H2 journal: a validator restarts from its latest snapshot and
 * a bounded tail of events, with the state it had (see {@link SnapshotRecoveryScenario}); old events are deleted.
 * The control run without snapshots replays the whole journal. Both print their figures.
 */
class SnapshotRecoveryTest {

    @TempDir
    Path dataDir;

    private StorageChoice.H2 storage(int node) {
        return new StorageChoice.H2(dataDir.resolve("v" + node), 4);
    }

    @Test
    void aValidatorRestartsFromItsLatestSnapshotAndABoundedTailWithTheStateItHad() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                storage(Integer.parseInt(node.substring(1)))))) {
            SnapshotRecoveryScenario.Figures figures = SnapshotRecoveryScenario.run(cluster,
                    SnapshotRecoveryScenario.SNAPSHOT_EVERY_BLOCKS, this::storage, node -> "PUBLIC");
            SnapshotRecoveryScenario.print("H2", figures);
            assertBounded(figures);
        }
    }

    @Test
    void withoutSnapshotsARestartReplaysTheWholeJournal() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                storage(Integer.parseInt(node.substring(1)))))) {
            SnapshotRecoveryScenario.Figures figures = SnapshotRecoveryScenario.run(cluster, 0, this::storage,
                    node -> "PUBLIC");
            SnapshotRecoveryScenario.print("H2, snapshots off", figures);
            assertEquals(figures.journalEvents(), figures.eventsReplayed(), "every event ever written is replayed");
            assertEquals(figures.journalEvents(), figures.rowsLeft(), "nothing deleted");
            assertEquals(0, figures.snapshotsStored());
        }
    }

    /** What snapshots every N blocks (3N events) promise, whatever the chain's length. */
    static void assertBounded(SnapshotRecoveryScenario.Figures figures) {
        int between = new SnapshotSettings(SnapshotRecoveryScenario.SNAPSHOT_EVERY_BLOCKS, 2, true)
                .eventsBetweenSnapshots();
        assertTrue(figures.journalEvents() >= 5L * between, "the journal is long enough to tell: " + figures);
        // A batch of events persisted together can overshoot the snapshot point by a few events.
        assertTrue(figures.eventsReplayed() < between + 16, "replayed " + figures.eventsReplayed() + " events, "
                + "snapshots every " + between + ": " + figures);
        // Events older than the oldest kept snapshot are gone: about keep + 1 intervals remain.
        assertTrue(figures.lowestSequenceNr() > 1 && figures.rowsLeft() <= 4L * between, "journal rows left: "
                + figures);
        assertTrue(figures.snapshotsStored() >= 1 && figures.snapshotsStored() <= 3, "snapshots kept: " + figures);
    }
}
