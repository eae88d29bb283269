package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.storage.StorageChoice;

/**
 * The scenario of the snapshot recovery tests, on any storage: four validators with a small window commit a few
 * hundred blocks (with client transactions), three stop, the fourth goes quiet and stops, and restarts alone. It
 * must come back from its latest snapshot plus a bounded tail of events with the same committed tip, the same safety
 * state and the same used-nonce table, and refuse a replay of a transaction older than its window.
 */
final class SnapshotRecoveryScenario {
    static final int WINDOW = 20;
    static final int SNAPSHOT_EVERY_BLOCKS = 5;
    /** How far the chain grows before the restart; longer runs for measurements: {@code -Dsnapshots.height=600}. */
    static final long HEIGHT = Long.getLong("snapshots.height", 60);

    /** What a run measured. */
    record Figures(long committedHeight, long journalEvents, long eventsReplayed, long recoveryMillis,
                   long rowsLeft, long lowestSequenceNr, long snapshotsStored) {
    }

    private SnapshotRecoveryScenario() {
    }

    static Config snapshots(int everyCommittedBlocks) {
        return ConfigFactory.parseMap(Map.of(
                SnapshotSettings.CONFIG_PATH + ".every-committed-blocks", everyCommittedBlocks,
                SnapshotSettings.CONFIG_PATH + ".keep", 2,
                SnapshotSettings.CONFIG_PATH + ".delete-events", true));
    }

    /**
     * @param storageOf the storage of node {@code v<i>}, to count what is left in its journal
     * @param schemaOf  the schema its tables are in ({@code PUBLIC} on H2)
     */
    static Figures run(LocalCluster cluster, int snapshotEveryBlocks,
                       java.util.function.IntFunction<StorageChoice> storageOf,
                       java.util.function.IntFunction<String> schemaOf) throws Exception {
        cluster.withConsensus(c -> c.withRetainedCommittedBlocks(WINDOW)).withNodeConfig(snapshots(snapshotEveryBlocks))
                .startAll();
        List<KeyPair> clients = List.of(client(1), client(2), client(3));
        // Early transactions, soon far older than the window: only the nonce table guards against their replay.
        List<Transaction> early = new ArrayList<>();
        for (int nonce = 0; nonce < 4; nonce++) {
            early.add(tx(clients.get(0), nonce));
            early.add(tx(clients.get(1), nonce));
            early.add(tx(clients.get(2), 3L * nonce)); // gaps
        }
        long earliestHeight = commit(cluster, early);
        awaitHeight(cluster.nodes, HEIGHT, (int) Math.max(90, HEIGHT));
        commit(cluster, List.of(tx(clients.get(0), 10), tx(clients.get(2), 100)));

        ValidatorNode node = cluster.nodes.get(3);
        CompletableFuture.allOf(cluster.nodes.subList(0, 3).stream()
                .map(peer -> CompletableFuture.runAsync(peer::close)).toArray(CompletableFuture[]::new)).get();
        ValidatorInspection before = awaitQuiet(node);
        String persistenceId = "validator|" + cluster.keys.get(3).publicKey().keyId().hex().substring(0, 16);
        node.close();
        long[] journal = journalRows(storageOf.apply(3), schemaOf.apply(3), persistenceId);

        ValidatorNode restarted = cluster.start(3);
        cluster.nodes.set(3, restarted);
        ValidatorInspection after = restarted.inspect().toCompletableFuture().get(60, TimeUnit.SECONDS);
        RecoveryReport recovery = after.recovery();

        // Quiet, the journal holds every commit the core made: the same tip, durably.
        assertEquals(before.committedHeight(), before.durableCommittedHeight());
        assertEquals(before.committedHeight(), recovery.committedHeight(), "committed height");
        assertEquals(before.committedTip(), recovery.committedTip(), "committed tip");
        assertEquals(before.durableSafety(), recovery.safety(), "safety state: voted round, lock, high QC");
        assertEquals(before.durableSafety().highestVotedRound(), before.safety().highestVotedRound(),
                "a vote or timeout is durable before it leaves");
        assertEquals(before.usedNonces(), after.usedNonces(), "the mempool's used-nonce table");
        assertEquals(3, after.usedNonces().size());
        assertEquals(before.lastSequenceNr(), recovery.lastSequenceNr());
        assertTrue(before.committedHeight() >= HEIGHT && earliestHeight < before.committedHeight() - WINDOW,
                "the early transactions are older than the window");
        // A replay of a transaction older than the window: the consensus core no longer knows it, the restored
        // nonce table does.
        SubmitResult replay = restarted.submit(early.get(0), Duration.ofSeconds(10)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        SubmitResult.Refused refused = assertInstanceOf(SubmitResult.Refused.class, replay, () -> "got " + replay);
        assertEquals("NONCE_USED", refused.reason(), refused.message());
        return new Figures(recovery.committedHeight(), recovery.lastSequenceNr(), recovery.eventsReplayed(),
                recovery.durationMillis(), journal[0], journal[1], journal[2]);
    }

    static void print(String label, Figures figures) {
        System.out.printf("snapshot recovery (%s): committed height %d, %d events written, %d replayed at the restart "
                        + "in %d ms; journal rows left %d (lowest sequence nr %d), snapshots stored %d%n", label,
                figures.committedHeight(), figures.journalEvents(), figures.eventsReplayed(), figures.recoveryMillis(),
                figures.rowsLeft(), figures.lowestSequenceNr(), figures.snapshotsStored());
    }

    /** Submits and waits for every receipt; returns the lowest height they committed at. */
    private static long commit(LocalCluster cluster, List<Transaction> txs) throws Exception {
        List<CompletableFuture<SubmitResult>> answers = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            answers.add(cluster.nodes.get(i % 4).submit(txs.get(i), Duration.ofSeconds(60)).toCompletableFuture());
        }
        long lowest = Long.MAX_VALUE;
        for (CompletableFuture<SubmitResult> answer : answers) {
            SubmitResult result = answer.get(90, TimeUnit.SECONDS);
            lowest = Math.min(lowest, assertInstanceOf(SubmitResult.Committed.class, result, () -> "got " + result)
                    .receipt().height());
        }
        return lowest;
    }

    /**
     * Alone, a validator's last durable change is its timeout of the round it is stuck in; after that its journal
     * does not move. Waits until several looks a while apart agree, with every commit in the store and the journal.
     */
    private static ValidatorInspection awaitQuiet(ValidatorNode node) throws Exception {
        // Rounds last 500 ms while the cluster commits: the lone validator times out within that.
        Thread.sleep(2_000);
        ValidatorInspection last = node.inspect().toCompletableFuture().get(10, TimeUnit.SECONDS);
        int same = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (same < 4) {
            Thread.sleep(500);
            ValidatorInspection now = node.inspect().toCompletableFuture().get(10, TimeUnit.SECONDS);
            boolean quiet = now.lastSequenceNr() == last.lastSequenceNr()
                    && now.durableSafety().equals(last.durableSafety())
                    && now.committedHeight() == now.durableCommittedHeight()
                    && now.archivedHeight() == now.committedHeight();
            same = quiet ? same + 1 : 0;
            last = now;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("validator never went quiet: " + now);
            }
        }
        return last;
    }

    /** Rows left in the journal for the validator, the lowest sequence number among them, snapshots stored. */
    private static long[] journalRows(StorageChoice storage, String schema, String persistenceId) throws SQLException {
        boolean h2 = storage instanceof StorageChoice.H2;
        String journal = h2 ? "PUBLIC.\"event_journal\"" : schema + ".event_journal";
        String snapshots = h2 ? "PUBLIC.\"snapshot\"" : schema + ".snapshot";
        String pid = h2 ? "\"persistence_id\"" : "persistence_id";
        String seq = h2 ? "\"sequence_number\"" : "sequence_number";
        try (Connection c = DriverManager.getConnection(storage.jdbcUrl(), storage.connectionProperties())) {
            long[] rows = query(c, "SELECT COUNT(*), MIN(" + seq + ") FROM " + journal + " WHERE " + pid + " = ?",
                    persistenceId);
            long[] stored = query(c, "SELECT COUNT(*), 0 FROM " + snapshots + " WHERE " + pid + " = ?", persistenceId);
            return new long[] {rows[0], rows[1], stored[0]};
        }
    }

    private static long[] query(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    static void awaitHeight(List<ValidatorNode> nodes, long height, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            boolean all = true;
            for (ValidatorNode node : nodes) {
                all &= node.status().toCompletableFuture().get(10, TimeUnit.SECONDS).committedHeight() >= height;
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder where = new StringBuilder();
                for (ValidatorNode node : nodes) {
                    where.append("\n  ").append(node.status().toCompletableFuture().get(10, TimeUnit.SECONDS));
                }
                throw new AssertionError("not all at height " + height + " within " + seconds + " s:" + where);
            }
            Thread.sleep(100);
        }
    }

    private static Transaction tx(KeyPair client, long nonce) {
        return Transaction.sign(client, LocalCluster.CHAIN_ID, nonce, "test/counter", "add",
                new byte[] {(byte) nonce});
    }

    private static KeyPair client(int i) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) (0xA0 + i));
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
