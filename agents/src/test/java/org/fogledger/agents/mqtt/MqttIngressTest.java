package org.fogledger.agents.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.agents.gateway.ClientGatewayLedger;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.GatewaySettings;
import org.fogledger.agents.gateway.GatewayStatus;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices reach a gateway through the real Mosquitto broker (127.0.0.1:1883, or {@code FOGLEDGER_MQTT_URI}), and
 * the gateway reads four real validators (f = 1) in this JVM. One cluster, one gateway and one ingress for the
 * class; every test has its own devices; topics are under a prefix of their own so parallel runs do not meet.
 */
class MqttIngressTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");
    private static final Coding BATTERY = Coding.of(MqttIngress.STATUS_SYSTEM, "battery");
    private static final String BROKER = System.getenv().getOrDefault("FOGLEDGER_MQTT_URI", "tcp://127.0.0.1:1883");
    private static final String PREFIX = "fogledger-test-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path dataDir;

    private static LocalCluster validators;
    private static ActorSystem<Void> system;
    private static LedgerClient client;
    private static final Map<PublicKey, Long> nonces = new HashMap<>();
    private static ActorRef<Gateway.Command> gateway;
    private static MqttIngress ingress;

    @BeforeAll
    static void start() throws Exception {
        validators = LocalCluster.withH2(4, dataDir).startAll();
        system = ClientSystem.start(validators.genesis, "127.0.0.1", 0, ConfigFactory.empty());
        client = LedgerClient.create(system, LedgerClientSettings.defaults().withAnswerTimeout(WAIT));
        client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
        GatewaySettings settings = GatewaySettings.defaults("mqtt-gw", LocalCluster.CHAIN_ID, KeyPair.generate());
        gateway = system.systemActorOf(Gateway.create(settings, new ClientGatewayLedger(client, 2)), "mqtt-gw",
                Props.empty());
        ingress = MqttIngress.start(MqttSettings.defaults(BROKER, "fogledger-gateway-mqtt-gw-" + PREFIX, PREFIX),
                gateway, system.scheduler());
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (client != null) {
            client.close();
        }
        if (system != null) {
            system.terminate();
        }
        if (validators != null) {
            validators.close();
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    @Test
    void aRegisteredDeviceOpensASessionOverMqttAndItsReadingsAndStatusAreAccepted() throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-ok", deviceKey, KeyPair.generate());
        try (MqttDevice device = device("mq-dev-ok", deviceKey)) {
            GatewayMessage.Session session = device.openSession("1.0.0", WAIT);

            assertTrue(session.is(GatewayMessage.Session.OPENED), session::toString);
            SignedReading first = device.sendReading(HEART_RATE, bytes("72"));
            SignedReading second = device.sendReading(HEART_RATE, bytes("74"));
            SignedReading battery = device.sendReading(BATTERY, bytes("87%"));
            for (SignedReading reading : new SignedReading[] {first, second, battery}) {
                GatewayMessage.Receipt receipt = device.awaitReceipt(session.sessionId(), reading.sequence(), WAIT);
                assertTrue(receipt.accepted(), receipt::toString);
            }
            assertEquals(session.sessionId().hex(), status().openSessions().get("mq-dev-ok"));
        }
    }

    @Test
    void aForgedReadingIsRefused() throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-forged", deviceKey, KeyPair.generate());
        try (MqttDevice device = device("mq-dev-forged", deviceKey)) {
            Hash session = device.openSession("1.0.0", WAIT).sessionId();

            SignedReading forged = SignedReading.sign(KeyPair.generate(), "mq-dev-forged", session, 7, HEART_RATE,
                    System.currentTimeMillis(), bytes("180"));
            device.sendReading(forged);

            GatewayMessage.Receipt receipt = device.awaitReceipt(session, 7, WAIT);
            assertFalse(receipt.accepted());
            assertEquals("signature does not verify under the registered key of mq-dev-forged", receipt.reason());
        }
    }

    @Test
    void aMessageOnADevicesTopicSignedForAnotherDeviceIsRefused() throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-real", deviceKey, KeyPair.generate());
        long refusedBefore = ingress.stats().refused();
        try (MqttDevice real = device("mq-dev-real", deviceKey);
             MqttDevice elsewhere = device("mq-dev-elsewhere", deviceKey)) {
            // The real device's key signs a hello for itself, published on another device's topic.
            GatewayMessage.Challenge challenge = real.requestChallenge(WAIT);
            elsewhere.sendHello(DeviceHello.sign(deviceKey, "mq-dev-real", challenge.gatewayId(),
                    challenge.challenge(), System.currentTimeMillis(), "1.0.0"));
            GatewayMessage.Error hello = elsewhere.awaitError(MqttTopics.Kind.HELLO, error -> true, WAIT);
            assertEquals("topic names device 'mq-dev-elsewhere' but the hello is for device 'mq-dev-real'",
                    hello.error());

            // A good reading of the real device's session, published on the other topic.
            Hash session = real.openSession("1.0.0", WAIT).sessionId();
            elsewhere.sendReading(SignedReading.sign(deviceKey, "mq-dev-real", session, 0, HEART_RATE,
                    System.currentTimeMillis(), bytes("70")));
            GatewayMessage.Error reading = elsewhere.awaitError(MqttTopics.Kind.READINGS, error -> true, WAIT);
            assertEquals("topic names device 'mq-dev-elsewhere' but the reading is for device 'mq-dev-real'",
                    reading.error());
        }
        assertTrue(ingress.stats().refused() >= refusedBefore + 2);
        assertFalse(status().openSessions().containsKey("mq-dev-elsewhere"));
    }

    /**
     * The planted bug: an ingress without the topic binding hands the misplaced hello to the gateway, which opens
     * the real device's session, and announces it on the other device's topic.
     */
    @Test
    void anIngressWithoutTheTopicBindingOpensASessionAnnouncedOnTheWrongDevicesTopic() throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-unbound", deviceKey, KeyPair.generate());
        String prefix = PREFIX + "-unbound";
        TopicBinding none = (topicDeviceId, signedDeviceId, what) -> null;
        try (MqttIngress unbound = MqttIngress.start(MqttSettings.defaults(BROKER, "fogledger-gateway-" + prefix,
                prefix), gateway, system.scheduler(), none);
             MqttDevice real = MqttDevice.connect(BROKER, prefix, "mq-dev-unbound", deviceKey, WAIT);
             MqttDevice elsewhere = MqttDevice.connect(BROKER, prefix, "mq-dev-unbound-other", deviceKey, WAIT)) {
            GatewayMessage.Challenge challenge = real.requestChallenge(WAIT);
            elsewhere.sendHello(DeviceHello.sign(deviceKey, "mq-dev-unbound", challenge.gatewayId(),
                    challenge.challenge(), System.currentTimeMillis(), "1.0.0"));

            GatewayMessage.Session misplaced = elsewhere.awaitSession(challenge.challenge(), answer -> true, WAIT);
            assertTrue(misplaced.is(GatewayMessage.Session.OPENED), misplaced::toString);
            assertEquals(challenge.challenge().hex(), status().openSessions().get("mq-dev-unbound"));
        }
    }

    @Test
    void anUnregisteredDeviceIsRefused() throws Exception {
        try (MqttDevice device = device("mq-dev-nobody", KeyPair.generate())) {
            GatewayMessage.Session answer = device.openSession("1.0.0", WAIT);

            assertTrue(answer.is(GatewayMessage.Session.REFUSED), answer::toString);
            assertEquals("device mq-dev-nobody is not registered", answer.reason());
        }
    }

    @Test
    void aDeviceBlockedOnTheLedgerIsToldItsSessionIsClosedAndItsReadingsAreRefused() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-blocked", deviceKey, owner);
        try (MqttDevice device = device("mq-dev-blocked", deviceKey)) {
            Hash session = device.openSession("1.0.0", WAIT).sessionId();
            assertTrue(device.awaitReceipt(session, device.sendReading(HEART_RATE, bytes("72")).sequence(), WAIT)
                    .accepted());

            declare(owner, "mq-dev-blocked", "{\"declaration\":\"blocked\",\"note\":\"ticket 4711\"}");

            GatewayMessage.Session closed = device.awaitSession(session,
                    answer -> answer.is(GatewayMessage.Session.CLOSED), Duration.ofSeconds(90));
            assertTrue(closed.reason().startsWith("device blocked: blocked ("), closed.reason());
            SignedReading after = device.sendReading(HEART_RATE, bytes("75"));
            GatewayMessage.Receipt refused = device.awaitReceipt(session, after.sequence(), WAIT);
            assertFalse(refused.accepted());
            assertEquals("session closed: " + closed.reason(), refused.reason());
        }
    }

    @Test
    void malformedMessagesAreRefusedNamingTheProblemAndTheIngressCarriesOn() throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("mq-dev-sloppy", deviceKey, KeyPair.generate());
        long refusedBefore = ingress.stats().refused();
        try (MqttDevice device = device("mq-dev-sloppy", deviceKey)) {
            device.publish(MqttTopics.Kind.READINGS, bytes("not json"));
            assertTrue(device.awaitError(MqttTopics.Kind.READINGS, error -> true, WAIT).error()
                    .startsWith("readings: not valid JSON"));

            device.publish(MqttTopics.Kind.HELLO, bytes("{\"deviceId\":\"mq-dev-sloppy\",\"colour\":\"red\"}"));
            assertTrue(device.awaitError(MqttTopics.Kind.HELLO, error -> true, WAIT).error()
                    .contains("field 'colour': unknown field"));

            device.publish(MqttTopics.Kind.STATUS, bytes("{\"deviceId\":\"mq-dev-sloppy\"}"));
            assertEquals("field 'sessionId': missing",
                    device.awaitError(MqttTopics.Kind.STATUS, error -> true, WAIT).error());

            device.publish(MqttTopics.Kind.CHALLENGE_REQUEST, new byte[MqttSettings.DEFAULT_MAX_PAYLOAD_BYTES + 1]);
            assertEquals("message of 32769 bytes is over the limit of 32768",
                    device.awaitError(MqttTopics.Kind.CHALLENGE_REQUEST, error -> true, WAIT).error());

            GatewayMessage.Session session = device.openSession("1.0.0", WAIT);
            assertTrue(session.is(GatewayMessage.Session.OPENED), session::toString);
            assertTrue(device.awaitReceipt(session.sessionId(), device.sendReading(HEART_RATE, bytes("70"))
                    .sequence(), WAIT).accepted());
        }
        assertTrue(ingress.stats().refused() >= refusedBefore + 4, () -> ingress.stats().toString());
        assertTrue(ingress.stats().connected());
    }

    // -----------------------------------------------------------------------------------------------------------

    private static MqttDevice device(String deviceId, KeyPair key) throws Exception {
        return MqttDevice.connect(BROKER, PREFIX, deviceId, key, WAIT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static GatewayStatus status() throws Exception {
        return AskPattern.<Gateway.Command, GatewayStatus>ask(gateway, Gateway.GetStatus::new, WAIT,
                system.scheduler()).toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    /** The owner registers the device with its key, commissions and installs it, as the demo does. */
    private static void bringIntoService(String deviceId, KeyPair deviceKey, KeyPair owner) throws Exception {
        String ownerHex = ContractJson.hex(owner.publicKey());
        commit(owner, "registry/" + deviceId, "register", "{\"deviceKey\":\"" + ContractJson.hex(
                deviceKey.publicKey()) + "\",\"model\":\"pulse-oximeter-x2\",\"maker\":\"" + ownerHex
                + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"/eu/fr/lyon/hospital-a/ward-3\"}");
        declare(owner, deviceId, "{\"declaration\":\"commissioned\"}");
        declare(owner, deviceId, "{\"declaration\":\"installed\"}");
        // The gateway asks one validator at a time: let every validator have executed the installation.
        awaitEverywhere(node -> node.query("registry/" + deviceId, "legitimacy", new byte[0]),
                answer -> answer.ok() && answer.text().contains("\"verdict\":\"admitted\""));
    }

    private static void declare(KeyPair owner, String deviceId, String payload) throws Exception {
        commit(owner, "registry/" + deviceId, "declare", payload);
    }

    private static void commit(KeyPair signer, String address, String command, String payload) throws Exception {
        long nonce;
        synchronized (nonces) {
            nonce = nonces.merge(signer.publicKey(), 1L, Long::sum) - 1;
        }
        Transaction tx = Transaction.sign(signer, LocalCluster.CHAIN_ID, nonce, address, command, bytes(payload));
        SubmitResult answer = client.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS);
        assertTrue(answer instanceof SubmitResult.Committed committed
                && committed.receipt().status() == ReceiptStatus.COMMITTED_OK, () -> command + " on " + address
                + ": " + answer);
    }

    private static void awaitEverywhere(Function<ValidatorNode, CompletionStage<ContractHost.QueryResult>> query,
                                        java.util.function.Predicate<ContractHost.QueryResult> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (ValidatorNode node : validators.nodes) {
            while (!done.test(query.apply(node).toCompletableFuture().get(30, TimeUnit.SECONDS))) {
                assertTrue(System.nanoTime() < deadline, "validator " + node.member().name() + " never got there");
                Thread.sleep(50);
            }
        }
    }
}
