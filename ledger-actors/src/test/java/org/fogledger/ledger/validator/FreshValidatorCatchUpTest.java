package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator that joins with empty storage after the others committed ten times more blocks than they keep in
 * memory syncs the whole chain: its peers serve the blocks older than their window from their committed-block
 * stores, it checks them against their certificates, and ends with the same chain from genesis. Measures its
 * catch-up rate.
 */
class FreshValidatorCatchUpTest {
    private static final int WINDOW = 20;
    /** Blocks committed before the new validator joins; longer runs for measurements: {@code -Dcatchup.height=2000}. */
    private static final long CHAIN = Long.getLong("catchup.height", 220);

    @TempDir
    Path dataDir;

    @Test
    void aNewValidatorSyncsTheWholeChainFromItsPeersStores() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4)))
                // Short rounds: every fourth round's leader is the missing validator, and its round must time out.
                .withConsensus(c -> c.withRetainedCommittedBlocks(WINDOW).withRoundTimeouts(120, 1_000, 10))) {
            for (int i = 0; i < 3; i++) {
                cluster.nodes.add(cluster.start(i));
            }
            // Three of four are a quorum: the chain grows without the fourth.
            long growing = System.nanoTime();
            SnapshotRecoveryScenario.awaitHeight(cluster.nodes, CHAIN, (int) Math.max(120, CHAIN / 2));
            double growSeconds = (System.nanoTime() - growing) / 1e9;

            long joinAt = System.nanoTime();
            ValidatorNode fresh = cluster.start(3);
            cluster.nodes.add(fresh);
            long target = status(cluster.nodes.get(0)).committedHeight();
            SnapshotRecoveryScenario.awaitHeight(List.of(fresh), target, (int) Math.max(60, CHAIN / 10));
            double seconds = (System.nanoTime() - joinAt) / 1e9;
            System.out.printf("fresh validator: synced %d blocks (window %d) in %.1f s including its start: %.0f "
                    + "blocks/s; the three others committed %d blocks in %.1f s (%.1f blocks/s)%n", target, WINDOW,
                    seconds, target / seconds, CHAIN, growSeconds, CHAIN / growSeconds);

            long served = 0;
            for (ValidatorNode peer : cluster.nodes.subList(0, 3)) {
                served += status(peer).counters().get("store.blocksServed");
            }
            assertTrue(served >= target - 3 * WINDOW, "blocks older than the window came from the peers' stores: "
                    + served);

            // The same chain, block for block from genesis, in both stores (the store follows the core closely).
            awaitArchived(fresh, target);
            // The answer covers what the journal has recorded too, which may trail the store by a few writes.
            CommittedHashes ours = durableHashes(fresh, target);
            CommittedHashes theirs = durableHashes(cluster.nodes.get(0), target);
            assertEquals(0, ours.firstHeight());
            int common = Math.min(ours.hashes().size(), theirs.hashes().size());
            assertTrue(common > target, "both stores hold the chain from genesis: " + ours.hashes().size() + " and "
                    + theirs.hashes().size() + " hashes");
            assertEquals(theirs.hashes().subList(0, common), ours.hashes().subList(0, common),
                    "the new validator's chain differs from the others'");
        }
    }

    /** The node's committed hashes from genesis, once they reach {@code height} (or after 30 s, as they are). */
    private static CommittedHashes durableHashes(ValidatorNode node, long height) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            CommittedHashes hashes = node.committedHashes(0, 10_000).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (hashes.hashes().size() > height || System.nanoTime() > deadline) {
                return hashes;
            }
            Thread.sleep(100);
        }
    }

    private static long awaitArchived(ValidatorNode node, long height) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long archived = status(node).counters().get("store.archivedHeight");
            if (archived >= height) {
                return archived;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("committed-block store at " + archived + ", not " + height);
            }
            Thread.sleep(100);
        }
    }

    private static ValidatorStatus status(ValidatorNode node) throws Exception {
        return node.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
