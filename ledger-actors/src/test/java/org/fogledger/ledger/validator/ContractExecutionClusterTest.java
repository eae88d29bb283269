package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ImpureTallyContract;
import org.fogledger.ledger.contract.TallyContract;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed transactions run through every validator's contract host; receipts carry what the contract said. */
class ContractExecutionClusterTest {

    @TempDir
    Path dataDir;

    private LocalCluster cluster() {
        return new LocalCluster(4, node -> JournalSettings.prepare(node,
                new StorageChoice.H2(dataDir.resolve(node), 2)));
    }

    private static Transaction add(KeyPair client, long nonce, long amount) {
        return Transaction.sign(client, LocalCluster.CHAIN_ID, nonce, "tally/meter-1", "add",
                ("{\"name\":\"kwh\",\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static long counter(ValidatorNode node, String name) throws Exception {
        return node.status().toCompletableFuture().get(10, TimeUnit.SECONDS).counters().get(name);
    }

    @Test
    void receiptsCarryContractResultsAndHonestValidatorsNeverDiverge() throws Exception {
        try (LocalCluster cluster = cluster().withContracts(i -> ContractCatalog.of(new TallyContract())).startAll()) {
            KeyPair client = KeyPair.generate();
            long total = 0;
            for (int nonce = 0; nonce < 12; nonce++) {
                long amount = nonce == 5 ? -1_000 : nonce + 1;
                SubmitResult answer = cluster.nodes.get(nonce % 4).submit(add(client, nonce, amount),
                        Duration.ofSeconds(60)).toCompletableFuture().get(90, TimeUnit.SECONDS);
                SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer);
                if (amount < 0) {
                    assertEquals(ReceiptStatus.FAILED, committed.receipt().status());
                    assertEquals("negative-tally", committed.receipt().resultCode());
                } else {
                    total += amount;
                    assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status());
                    assertEquals(Long.toString(total),
                            new String(committed.receipt().result(), StandardCharsets.UTF_8));
                }
            }
            for (ValidatorNode node : cluster.nodes) {
                assertEquals(0, counter(node, "resultDivergences"), node.member().name());
            }
        }
    }

    @Test
    void aValidatorWhoseContractIsNondeterministicIsReported() throws Exception {
        try (LocalCluster cluster = cluster().withContracts(i -> ContractCatalog.of(
                i == 3 ? new ImpureTallyContract() : new TallyContract())).startAll()) {
            KeyPair client = KeyPair.generate();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long divergences = 0;
            for (int nonce = 0; divergences == 0 && System.nanoTime() < deadline; nonce++) {
                cluster.nodes.get(nonce % 4).submit(add(client, nonce, 1), Duration.ofSeconds(60))
                        .toCompletableFuture().get(90, TimeUnit.SECONDS);
                divergences = 0;
                for (ValidatorNode node : cluster.nodes) {
                    divergences += counter(node, "resultDivergences");
                }
            }
            assertTrue(divergences > 0, "a validator executing differently went unreported");
        }
    }
}
