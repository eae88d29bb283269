package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator whose journal holds committed blocks its committed-block store lacks (a journal written before the
 * store existed) fills the store from the journal, through the read journal, before it starts: the chain it serves
 * and reports is whole again.
 */
class StoreBackfillTest {
    private static final int WINDOW = 20;

    @TempDir
    Path dataDir;

    private StorageChoice.H2 storage(String node) {
        return new StorageChoice.H2(dataDir.resolve(node), 4);
    }

    @Test
    void committedBlocksMissingFromTheStoreAreCopiedFromTheJournalAtStart() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node, storage(node)))
                .withConsensus(c -> c.withRetainedCommittedBlocks(WINDOW))
                .withNodeConfig(SnapshotRecoveryScenario.snapshots(0)).startAll()) {
            SnapshotRecoveryScenario.awaitHeight(cluster.nodes, 3L * WINDOW, 90);
            CompletableFuture.allOf(cluster.nodes.subList(0, 3).stream()
                    .map(peer -> CompletableFuture.runAsync(peer::close)).toArray(CompletableFuture[]::new)).get();
            ValidatorNode node = cluster.nodes.get(3);
            Thread.sleep(1_000);
            CommittedHashes before = node.committedHashes(0, 10_000).toCompletableFuture().get(10, TimeUnit.SECONDS);
            node.close();
            // As a journal from before the store existed: only genesis in the store.
            StorageChoice.H2 h2 = storage("v3");
            try (Connection c = DriverManager.getConnection(h2.jdbcUrl(), h2.connectionProperties());
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM PUBLIC.\"fogledger_committed_block\" WHERE \"height\" > 0");
            }

            ValidatorNode restarted = cluster.start(3);
            cluster.nodes.set(3, restarted);
            // The core starts once the store holds the chain.
            ValidatorInspection inspection = restarted.inspect().toCompletableFuture().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (inspection.archivedHeight() < inspection.committedHeight() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                inspection = restarted.inspect().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            CommittedHashes after = restarted.committedHashes(0, 10_000).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertTrue(inspection.committedHeight() > 2L * WINDOW, "more than the window to copy: " + inspection);
            assertEquals(inspection.committedHeight(), inspection.archivedHeight());
            assertEquals(before.hashes().subList(0, (int) inspection.committedHeight() + 1), after.hashes());
        }
    }
}
