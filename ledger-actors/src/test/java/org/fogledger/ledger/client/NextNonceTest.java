package org.fogledger.ledger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorActor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client with no state of its own learns a sender's next nonce from the validators (over the wire, from a client
 * member): 0 for a key never seen, one past the last committed nonce after a commit, from every validator.
 */
class NextNonceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void everyValidatorAnswersOnePastTheLastCommittedNonce() throws Exception {
        try (LocalCluster validators = LocalCluster.withH2(4, dataDir).startAll()) {
            ActorSystem<Void> clientSystem = ClientSystem.start(validators.genesis, "127.0.0.1", 0,
                    ConfigFactory.empty());
            try (LedgerClient client = LedgerClient.create(clientSystem,
                    LedgerClientSettings.defaults().withAnswerTimeout(WAIT))) {
                client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
                KeyPair maker = KeyPair.generate();
                assertEquals(0, next(client, maker));

                String hex = ContractJson.hex(maker.publicKey());
                for (long nonce = 0; nonce < 2; nonce++) {
                    Transaction tx = Transaction.sign(maker, LocalCluster.CHAIN_ID, nonce, "registry/nonce-" + nonce,
                            "register", ("{\"deviceKey\":\"" + ContractJson.hex(KeyPair.generate().publicKey())
                                    + "\",\"model\":\"nonce-test\",\"maker\":\"" + hex + "\",\"owner\":\"" + hex
                                    + "\",\"location\":\"/eu/fr\"}").getBytes(StandardCharsets.UTF_8));
                    // One validator's receipt: submitting to all four races the commit (a validator that receives
                    // the copy after committing it refuses it as a used nonce).
                    assertInstanceOf(SubmitResult.Committed.class,
                            client.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS));
                }
                // Four asks go round-robin to the four validators; each answers 2 once it has committed both.
                long deadline = System.nanoTime() + WAIT.toNanos();
                int answeredTwo = 0;
                while (answeredTwo < 4) {
                    long next = next(client, maker);
                    assertTrue(next <= 2, "a validator answered " + next + " after two commits");
                    answeredTwo = next == 2 ? answeredTwo + 1 : 0;
                    assertTrue(System.nanoTime() < deadline, "not every validator answered 2 within " + WAIT);
                    if (next < 2) {
                        Thread.sleep(50);
                    }
                }
            } finally {
                clientSystem.terminate();
            }
        }
    }

    private static long next(LedgerClient client, KeyPair key) throws Exception {
        ValidatorActor.NextNonceAnswer answer = client.nextNonce(key.publicKey()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(key.publicKey(), answer.sender());
        return answer.next();
    }
}
