package org.fogledger.ledger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.TallyContract;
import org.fogledger.ledger.execution.ContractHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against four real validators (f = 1) in this JVM: one cluster for the whole class, a client on a
 * separate client member of the cluster (so submissions and answers cross Artery), f + 1 = 2 matching receipts.
 */
class LedgerClientTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static LocalCluster validators;
    private static ActorSystem<Void> clientSystem;
    private static LedgerClient client;

    @BeforeAll
    static void start() throws Exception {
        validators = LocalCluster.withH2(4, dataDir)
                .withContracts(i -> ContractCatalog.of(new TallyContract())).startAll();
        clientSystem = ClientSystem.start(validators.genesis, "127.0.0.1", 0, ConfigFactory.empty());
        client = LedgerClient.create(clientSystem, LedgerClientSettings.defaults().withAnswerTimeout(WAIT));
        client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (clientSystem != null) {
            clientSystem.terminate();
        }
        if (validators != null) {
            validators.close();
        }
    }

    @Test
    void queriesCrossTheWireAndSayWhichHeightTheyRead() throws Exception {
        KeyPair sender = KeyPair.generate();
        Transaction add = Transaction.sign(sender, LocalCluster.CHAIN_ID, 0, "tally/client-q", "add",
                "{\"name\":\"kwh\",\"amount\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class,
                client.submit(add).toCompletableFuture().get(90, TimeUnit.SECONDS));

        ContractHost.QueryResult answer = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            // Round-robin: another validator may not have executed that block yet.
            answer = client.query("tally/client-q", "state", new byte[0]).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            if (answer.executedHeight() >= committed.receipt().height()) {
                break;
            }
            Thread.sleep(100);
        }
        ContractHost.QueryResult unknown = client.query("nosuch/x", "state", new byte[0]).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        ContractHost.QueryResult malformed = client.query("Bad Address!", "state", new byte[0])
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals("{\"counts\":{\"kwh\":7}}", answer.text());
        assertTrue(answer.executedHeight() >= committed.receipt().height());
        assertEquals("unknown-contract", unknown.code());
        assertEquals("bad-address", malformed.code());
    }

    @Test
    void aDryRunCrossesTheWireSaysWhatWouldHappenAndSubmitsNothing() throws Exception {
        KeyPair sender = KeyPair.generate();
        Transaction forward = Transaction.sign(sender, LocalCluster.CHAIN_ID, 0, "tally/client-dry", "forward",
                "{\"target\":\"tally/client-dry-2\",\"name\":\"kwh\",\"amount\":5}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        org.fogledger.ledger.execution.DryRunResult dry = client.dryRun(forward).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        assertTrue(dry.wouldSucceed(), dry.toString());
        assertEquals(List.of("tally/client-dry forward forwarded", "tally/client-dry-2 add added"),
                dry.steps().stream().map(step -> step.address() + " " + step.command() + " " + step.code()).toList());
        assertEquals(0, client.nextNonce(sender.publicKey()).toCompletableFuture().get(30, TimeUnit.SECONDS).next(),
                "nothing was submitted");
        // The real thing afterwards, then the same transaction again: its nonce is now used.
        assertInstanceOf(SubmitResult.Committed.class, client.submit(forward).toCompletableFuture()
                .get(90, TimeUnit.SECONDS));
        org.fogledger.ledger.execution.DryRunResult again = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            // Round-robin: the validator asked may not have committed that block yet.
            again = client.dryRun(forward).toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (!again.wasRun()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("NONCE_USED", again.refusalCode(), again.toString());
        Transaction otherChain = Transaction.sign(sender, "another-chain", 1, "tally/client-dry", "add", new byte[1]);
        assertEquals("WRONG_CHAIN", client.dryRun(otherChain).toCompletableFuture().get(60, TimeUnit.SECONDS)
                .refusalCode());
    }

    @Test
    void submitGoesRoundRobinAndAnswersWithReceipts() throws Exception {
        KeyPair sender = KeyPair.generate();
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int nonce = 0; nonce < 8; nonce++) {
            results.add(client.submit(tx(sender, nonce)).toCompletableFuture());
        }
        var answeredBy = new HashSet<PublicKey>();
        for (CompletableFuture<SubmitResult> result : results) {
            SubmitResult answer = result.get(90, TimeUnit.SECONDS);
            SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer, answer::toString);
            assertTrue(committed.receipt().height() >= 1);
            answeredBy.add(committed.validator());
        }
        assertEquals(4, answeredBy.size(), "8 round-robin submissions reach all 4 validators");
    }

    @Test
    void aRefusalCompletesNormallyWithItsReason() throws Exception {
        Transaction otherChain = Transaction.sign(KeyPair.generate(), "another-chain", 0, "test/counter", "add",
                new byte[1]);
        SubmitResult answer = client.submit(otherChain).toCompletableFuture().get(90, TimeUnit.SECONDS);
        SubmitResult.Refused refused = assertInstanceOf(SubmitResult.Refused.class, answer, answer::toString);
        assertEquals("WRONG_CHAIN", refused.reason());
    }

    @Test
    void twoMatchingReceiptsFromDistinctValidators() throws Exception {
        Transaction tx = tx(KeyPair.generate(), 0);
        QuorumReceipt quorum = client.submitAndConfirm(tx, 2).toCompletableFuture().get(90, TimeUnit.SECONDS);

        assertEquals(tx.hash(), quorum.txHash());
        assertEquals(2, quorum.receipts().size());
        assertNotEquals(quorum.validators().get(0), quorum.validators().get(1), "two distinct validators");
        for (SubmitResult.Committed receipt : quorum.receipts()) {
            assertEquals(quorum.height(), receipt.receipt().height());
            assertEquals(quorum.index(), receipt.receipt().index());
            assertEquals(quorum.blockHash(), receipt.blockHash());
        }
        assertTrue(quorum.height() >= 1);
    }

    @Test
    void confirmationsFromAllFourAlsoAgree() throws Exception {
        QuorumReceipt quorum = client.submitAndConfirm(tx(KeyPair.generate(), 0), 4).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
        assertEquals(4, new HashSet<>(quorum.validators()).size());
    }

    @Test
    void refusedByTheValidatorsAskedIsAQuorumFailureNamingThem() {
        Transaction otherChain = Transaction.sign(KeyPair.generate(), "another-chain", 0, "test/counter", "add",
                new byte[1]);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.submitAndConfirm(otherChain, 2).toCompletableFuture().get(90, TimeUnit.SECONDS));
        QuorumException quorum = assertInstanceOf(QuorumException.class, failure.getCause());
        assertEquals(2, quorum.answers().size());
        assertTrue(quorum.getMessage().contains("refused WRONG_CHAIN"), quorum.getMessage());
        assertTrue(quorum.getMessage().contains("only 0 of 2"), quorum.getMessage());
        assertTrue(quorum.answers().get(0).startsWith("validator "), quorum.answers().toString());
    }

    @Test
    void askingMoreValidatorsThanExistFailsClearly() {
        try (LedgerClient impatient = LedgerClient.create(clientSystem,
                LedgerClientSettings.defaults().withAnswerTimeout(Duration.ofSeconds(2)))) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> impatient.submitAndConfirm(tx(KeyPair.generate(), 0), 5).toCompletableFuture()
                            .get(30, TimeUnit.SECONDS));
            assertInstanceOf(LedgerClientException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("cannot get 5 matching receipts"),
                    failure.getCause().getMessage());
            assertTrue(failure.getCause().getMessage().contains("expected 5"), failure.getCause().getMessage());
        }
    }

    @Test
    void aClientOnAValidatorsOwnSystemWorksToo() throws Exception {
        try (LedgerClient local = LedgerClient.create(validators.nodes.get(0).system())) {
            local.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
            QuorumReceipt quorum = local.submitAndConfirm(tx(KeyPair.generate(), 0), 2).toCompletableFuture()
                    .get(90, TimeUnit.SECONDS);
            assertEquals(2, quorum.receipts().size());
        }
    }

    private static Transaction tx(KeyPair sender, long nonce) {
        return Transaction.sign(sender, LocalCluster.CHAIN_ID, nonce, "test/counter", "add",
                new byte[] {(byte) nonce});
    }
}
