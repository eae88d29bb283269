package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four validators, four ActorSystems in this JVM over Artery, each with its own H2 journal. */
class ValidatorClusterTest {

    @TempDir
    Path dataDir;

    @Test
    void fourValidatorsCommitClientTransactionsAndAgreeOnTheChain() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4))).startAll()) {
            KeyPair client = KeyPair.generate();
            List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
            for (int nonce = 0; nonce < 40; nonce++) {
                Transaction tx = Transaction.sign(client, LocalCluster.CHAIN_ID, nonce, "test/counter", "add",
                        new byte[] {(byte) nonce});
                ValidatorNode node = cluster.nodes.get(nonce % 4);
                results.add(node.submit(tx, Duration.ofSeconds(60)).toCompletableFuture());
            }
            Set<Long> heights = new HashSet<>();
            for (CompletableFuture<SubmitResult> result : results) {
                SubmitResult answer;
                try {
                    answer = result.get(90, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    for (ValidatorNode node : cluster.nodes) {
                        System.out.println(node.status().toCompletableFuture().get(5, TimeUnit.SECONDS));
                    }
                    throw e;
                }
                SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer,
                        () -> "expected a receipt, got " + answer);
                heights.add(committed.receipt().height());
            }
            assertTrue(heights.stream().allMatch(h -> h >= 1));

            long target = heights.stream().mapToLong(Long::longValue).max().orElseThrow();
            List<ValidatorStatus> statuses = awaitAllAtHeight(cluster, target);
            ValidatorStatus first = statuses.get(0);
            for (ValidatorStatus status : statuses) {
                assertTrue(status.committedHeight() >= target, () -> "lagging: " + status);
            }
            // Same tip at the same height: compare validators that stopped at the same height.
            long common = statuses.stream().mapToLong(ValidatorStatus::committedHeight).min().orElseThrow();
            assertTrue(common >= target, "all reached the height of the last receipt");
            assertEquals(0, first.counters().getOrDefault("refusedFromNonMembers", 0L));
        }
    }

    @Test
    void badTransactionsAreRefusedWithTheirReasons() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4))).startAll()) {
            ValidatorNode node = cluster.nodes.get(0);
            KeyPair client = KeyPair.generate();
            Transaction good = Transaction.sign(client, LocalCluster.CHAIN_ID, 0, "test/counter", "add", new byte[1]);
            byte[] raw = good.signature().raw();
            raw[0] ^= 1;
            Transaction forged = new Transaction(good.chainId(), good.sender(), good.nonce(), good.contract(),
                    good.command(), good.payload(), Signature.of(SignatureScheme.ED25519, raw));
            Transaction otherChain = Transaction.sign(client, "another-chain", 1, "test/counter", "add", new byte[1]);
            Transaction oversized = Transaction.sign(client, LocalCluster.CHAIN_ID, 2, "test/counter", "add",
                    new byte[70_000]);

            assertRefused(node, forged, "BAD_SIGNATURE");
            assertRefused(node, otherChain, "WRONG_CHAIN");
            assertRefused(node, oversized, "TOO_LARGE");
            SubmitResult committed = node.submit(good, Duration.ofSeconds(60)).toCompletableFuture()
                    .get(90, TimeUnit.SECONDS);
            assertInstanceOf(SubmitResult.Committed.class, committed);
            Transaction replay = Transaction.sign(client, LocalCluster.CHAIN_ID, 0, "test/counter", "add",
                    new byte[] {9});
            assertRefused(node, replay, "NONCE_USED");
        }
    }

    @Test
    void aCopyOfACommittedTransactionIsAnsweredWithItsReceiptByEveryValidator() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4))).startAll()) {
            KeyPair client = KeyPair.generate();
            Transaction tx = Transaction.sign(client, LocalCluster.CHAIN_ID, 0, "test/counter", "add", new byte[1]);
            SubmitResult.Committed first = assertInstanceOf(SubmitResult.Committed.class, cluster.nodes.get(0)
                    .submit(tx, Duration.ofSeconds(60)).toCompletableFuture().get(90, TimeUnit.SECONDS));
            awaitAllAtHeight(cluster, first.receipt().height());

            // Each validator now holds the nonce as used: a client confirming with several must still hear a receipt.
            for (ValidatorNode node : cluster.nodes) {
                SubmitResult answer = node.submit(tx, Duration.ofSeconds(30)).toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
                SubmitResult.Committed copy = assertInstanceOf(SubmitResult.Committed.class, answer,
                        () -> "a late copy of a committed transaction got " + answer);
                assertEquals(first.receipt().height(), copy.receipt().height());
                assertEquals(first.receipt().index(), copy.receipt().index());
                assertEquals(first.blockHash(), copy.blockHash());
                assertEquals(tx.hash(), copy.receipt().txHash());
            }
            // Another transaction on the same nonce is still refused: only the very transaction gets a receipt.
            assertRefused(cluster.nodes.get(2), Transaction.sign(client, LocalCluster.CHAIN_ID, 0, "test/counter",
                    "add", new byte[] {7}), "NONCE_USED");
            ValidatorStatus status = cluster.nodes.get(1).status().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1L, status.counters().get("lateCopiesOfCommitted"), status.toString());
        }
    }

    @Test
    void messagesFromNonMembersAndForgedConsensusMessagesAreDroppedAndCommitsGoOn() throws Exception {
        try (LocalCluster cluster = new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 4))).startAll()) {
            ValidatorNode target = cluster.nodes.get(1);
            KeyPair outsider = KeyPair.generate();
            org.fogledger.ledger.crypto.Hash someBlock = org.fogledger.ledger.crypto.Sha256.hash(new byte[] {1});
            // A stranger claiming to be itself, and a member's name on a vote nobody signed.
            target.validator().tell(new ValidatorActor.FromPeer(outsider.publicKey(),
                    new org.fogledger.ledger.consensus.Vote(someBlock, 1, 1, outsider.publicKey(),
                            outsider.sign(new byte[] {1}))));
            target.validator().tell(new ValidatorActor.FromPeer(cluster.keys.get(2).publicKey(),
                    new org.fogledger.ledger.consensus.Vote(someBlock, 2, 1, cluster.keys.get(2).publicKey(),
                            outsider.sign(new byte[] {2}))));
            target.validator().tell(new ValidatorActor.FromPeer(cluster.keys.get(2).publicKey(), null));

            KeyPair client = KeyPair.generate();
            Transaction tx = Transaction.sign(client, LocalCluster.CHAIN_ID, 0, "test/counter", "add", new byte[1]);
            SubmitResult answer = target.submit(tx, Duration.ofSeconds(60)).toCompletableFuture()
                    .get(90, TimeUnit.SECONDS);
            assertInstanceOf(SubmitResult.Committed.class, answer, () -> "commits must go on: " + answer);

            ValidatorStatus status = target.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1L, status.counters().get("refusedFromNonMembers"), status.toString());
            long dropped = status.counters().entrySet().stream().filter(e -> e.getKey().startsWith("dropped."))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            assertTrue(dropped >= 2, "the forged vote and the empty message are dropped and counted: " + status);
        }
    }

    private static void assertRefused(ValidatorNode node, Transaction tx, String reason) throws Exception {
        SubmitResult answer = node.submit(tx, Duration.ofSeconds(10)).toCompletableFuture().get(20, TimeUnit.SECONDS);
        SubmitResult.Refused refused = assertInstanceOf(SubmitResult.Refused.class, answer, () -> "got " + answer);
        assertEquals(reason, refused.reason(), refused.message());
    }

    private static List<ValidatorStatus> awaitAllAtHeight(LocalCluster cluster, long height) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<ValidatorStatus> statuses = new ArrayList<>();
            for (ValidatorNode node : cluster.nodes) {
                statuses.add(node.status().toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
            if (statuses.stream().allMatch(s -> s.committedHeight() >= height) || System.nanoTime() > deadline) {
                return statuses;
            }
            Thread.sleep(100);
        }
    }
}
