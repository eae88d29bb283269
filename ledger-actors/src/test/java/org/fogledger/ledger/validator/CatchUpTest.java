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
 * A validator that was down while the others committed hundreds of blocks comes back, fetches what it missed from
 * its peers (verified against their certificates), and ends with the same chain. Measures catch-up against the
 * commit rate.
 */
class CatchUpTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedValidatorCatchesUpFasterThanTheChainGrowsAndHasTheSameChain() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4))).startAll()) {
            awaitHeight(cluster.nodes.subList(0, 4), 5, 60);
            ValidatorNode down = cluster.nodes.get(3);
            long heightWhenStopped = status(down).committedHeight();
            down.close();

            // The other three keep committing (idle blocks keep the chain moving).
            long outageStart = System.nanoTime();
            long startHeight = status(cluster.nodes.get(0)).committedHeight();
            awaitHeight(cluster.nodes.subList(0, 3), startHeight + 150, 120);
            double outageSeconds = (System.nanoTime() - outageStart) / 1e9;
            long grown = status(cluster.nodes.get(0)).committedHeight() - startHeight;
            double commitRate = grown / outageSeconds;

            long restartAt = System.nanoTime();
            ValidatorNode restarted = cluster.start(3);
            cluster.nodes.set(3, restarted);
            long target = status(cluster.nodes.get(0)).committedHeight();
            awaitHeight(List.of(restarted), target, 120);
            double catchUpSeconds = (System.nanoTime() - restartAt) / 1e9;
            long fetched = status(restarted).committedHeight() - heightWhenStopped;
            double catchUpRate = fetched / catchUpSeconds;
            System.out.printf("catch-up: chain grew %d blocks in %.1f s (%.1f blocks/s); the restarted validator "
                            + "went from height %d to %d in %.1f s including its restart (%.1f blocks/s, %.1fx)%n",
                    grown, outageSeconds, commitRate, heightWhenStopped, heightWhenStopped + fetched, catchUpSeconds,
                    catchUpRate, catchUpRate / commitRate);

            // Status reports the height committed in memory; the hashes come from the store, which follows it, so
            // compare once both stores hold the caught-up height.
            CommittedHashes mine = durableHashes(restarted, target, 60);
            CommittedHashes theirs = durableHashes(cluster.nodes.get(0), target, 60);
            long common = Math.min(mine.committedHeight(), theirs.committedHeight());
            int compared = (int) Math.min(common, Math.min(mine.hashes().size(), theirs.hashes().size()));
            assertTrue(compared >= heightWhenStopped + 100, "compared only " + compared + " blocks");
            assertEquals(theirs.hashes().subList(0, compared), mine.hashes().subList(0, compared),
                    "the restarted validator's chain differs from the others'");
            assertTrue(catchUpRate > commitRate, "catch-up (" + catchUpRate + " blocks/s) slower than the chain ("
                    + commitRate + " blocks/s)");
        }
    }

    private static void awaitHeight(List<ValidatorNode> nodes, long height, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            boolean all = true;
            for (ValidatorNode node : nodes) {
                all &= status(node).committedHeight() >= height;
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder where = new StringBuilder();
                for (ValidatorNode node : nodes) {
                    where.append("\n  ").append(status(node));
                }
                throw new AssertionError("not all at height " + height + " within " + seconds + " s:" + where);
            }
            Thread.sleep(100);
        }
    }

    /** The node's committed hashes from height 1, once its store holds at least {@code height} blocks. */
    private static CommittedHashes durableHashes(ValidatorNode node, long height, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            CommittedHashes hashes = node.committedHashes(1, 10_000).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (hashes.hashes().size() >= height || System.nanoTime() > deadline) {
                return hashes;
            }
            Thread.sleep(100);
        }
    }

    private static ValidatorStatus status(ValidatorNode node) throws Exception {
        return node.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
