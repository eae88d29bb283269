package org.fogledger.ledger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.ExecutedBlockNotice;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed of executed blocks, against four real validators with the built-in contracts: a follower of two
 * validators hears of a block from both, with the contract address the block touched; a follower that stops is
 * forgotten (by the client, which unsubscribes it, and by each validator, which watches its subscribers); closing
 * a subscription unsubscribes.
 */
class ExecutedBlockFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static LocalCluster validators;
    private static ActorSystem<Void> clientSystem;
    private static LedgerClient client;

    @BeforeAll
    static void start() throws Exception {
        validators = LocalCluster.withH2(4, dataDir).startAll();
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

    private static Transaction register(KeyPair maker, long nonce, String deviceId) {
        String hex = ContractJson.hex(maker.publicKey());
        return Transaction.sign(maker, LocalCluster.CHAIN_ID, nonce, "registry/" + deviceId, "register",
                ("{\"deviceKey\":\"" + ContractJson.hex(KeyPair.generate().publicKey())
                        + "\",\"model\":\"feed-test\",\"maker\":\"" + hex + "\",\"owner\":\"" + hex
                        + "\",\"location\":\"/eu/fr\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Receives notices until {@code count} distinct validators announced the block at {@code height}. */
    private static Set<PublicKey> noticesOf(TestProbe<ExecutedBlockNotice> probe, long height, String address,
                                            int count) {
        Set<PublicKey> from = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (from.size() < count && System.nanoTime() < deadline) {
            ExecutedBlockNotice notice = probe.receiveMessage(WAIT);
            if (notice.height() == height) {
                assertTrue(notice.mayHaveTouched(address), notice.toString());
                assertEquals(java.util.List.of(address), notice.touched(), "the block touched one instance");
                from.add(notice.validator());
            }
        }
        return from;
    }

    private static long subscribers(ValidatorNode node) throws Exception {
        return node.status().toCompletableFuture().get(10, TimeUnit.SECONDS).counters().get("executed.subscribers");
    }

    @Test
    void aFollowerOfTwoValidatorsHearsOfEachBlockFromBothWithTheAddressesItTouched() throws Exception {
        TestProbe<ExecutedBlockNotice> follower = TestProbe.create(clientSystem);
        try (ExecutedSubscription subscription = client.followExecuted(follower.getRef(), 2)) {
            awaitSubscribers(2);
            SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class,
                    client.submit(register(KeyPair.generate(), 0, "feed-dev-1")).toCompletableFuture()
                            .get(90, TimeUnit.SECONDS));

            Set<PublicKey> from = noticesOf(follower, committed.receipt().height(), "registry/feed-dev-1", 2);

            assertEquals(2, from.size(), "both followed validators announce the block");
        }
        awaitSubscribers(0);
    }

    @Test
    void aFollowerThatStopsIsForgottenByTheValidators() throws Exception {
        TestProbe<ExecutedBlockNotice> follower = TestProbe.create(clientSystem);
        client.followExecuted(follower.getRef(), 4);
        awaitSubscribers(4);

        follower.stop();

        awaitSubscribers(0);
    }

    /** Without the client: the validators' own watch drops a subscriber that stopped. */
    @Test
    void aSubscriberThatStopsIsDroppedByTheValidatorItself() throws Exception {
        TestProbe<ExecutedBlockNotice> subscriber = TestProbe.create(clientSystem);
        for (ValidatorNode node : validators.nodes) {
            node.validator().tell(new org.fogledger.ledger.validator.ValidatorActor.SubscribeExecuted(
                    subscriber.getRef()));
        }
        awaitSubscribers(4);

        subscriber.stop();

        awaitSubscribers(0);
    }

    /** Waits until the validators together serve {@code expected} subscriptions (the count is a gauge). */
    private static void awaitSubscribers(long expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long total = -1;
        while (System.nanoTime() < deadline) {
            total = 0;
            for (ValidatorNode node : validators.nodes) {
                total += subscribers(node);
            }
            if (total == expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(expected, total, "subscriptions the validators serve");
    }
}
