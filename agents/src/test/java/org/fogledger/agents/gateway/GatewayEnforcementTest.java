package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.ExecutedSubscription;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.Decision;
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.contract.registry.DeviceView;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.contract.trace.TraceStream;
import org.fogledger.ledger.crypto.Hash;
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
 * Gateways against four real validators (f = 1) in this JVM, running the built-in contracts: a maker registers a
 * device with its key and its owner installs it, as the demo does; the device opens a session at a gateway and
 * sends signed readings; the owner blocks it on the ledger, and the gateway closes its session. One cluster for the
 * class; every test has its own devices, owners and gateway (its own trace stream).
 */
class GatewayEnforcementTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");
    /** So long that within a test only a notice can make the gateway re-check. */
    private static final Duration NO_FALLBACK = Duration.ofHours(1);

    @TempDir
    static Path dataDir;

    private static LocalCluster validators;
    private static ActorSystem<Void> system;
    private static LedgerClient client;
    private static final Map<PublicKey, Long> nonces = new HashMap<>();
    private static int gateways;

    @BeforeAll
    static void start() throws Exception {
        validators = LocalCluster.withH2(4, dataDir).startAll();
        system = ClientSystem.start(validators.genesis, "127.0.0.1", 0, ConfigFactory.empty());
        client = LedgerClient.create(system, LedgerClientSettings.defaults().withAnswerTimeout(WAIT));
        client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
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
    // The scenarios

    @Test
    void aBlockedDevicesSessionIsReallyClosed() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-blocked", deviceKey, owner);
        ActorRef<Gateway.Command> gateway = gateway(settings().withRecheckInterval(NO_FALLBACK), this::followed);
        RecordingConnection connection = new RecordingConnection();
        Hash session = open(gateway, "gw-dev-blocked", deviceKey, connection);

        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-dev-blocked",
                session, 0, "72")));
        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-dev-blocked",
                session, 1, "74")));
        Gateway.ReadingAnswer.Refused forged = assertInstanceOf(Gateway.ReadingAnswer.Refused.class,
                send(gateway, reading(KeyPair.generate(), "gw-dev-blocked", session, 2, "180")));
        assertTrue(forged.reason().contains("signature does not verify"), forged.reason());
        assertEquals(1, status(gateway).failedAuthentications());

        declare(owner, "gw-dev-blocked", "{\"declaration\":\"blocked\",\"note\":\"ticket 4711\"}");

        String reason = connection.closed.get(90, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("device blocked: blocked ("), reason);
        assertTrue(reason.contains("by owner " + ContractJson.hex(owner.publicKey())), reason);
        Gateway.ReadingAnswer.Refused after = assertInstanceOf(Gateway.ReadingAnswer.Refused.class,
                send(gateway, reading(deviceKey, "gw-dev-blocked", session, 3, "75")));
        assertEquals("session closed: " + reason, after.reason());
        assertFalse(status(gateway).openSessions().containsKey("gw-dev-blocked"));
    }

    /** The planted bug: a gateway deaf to notices, with no fallback, never closes the session. */
    @Test
    void aGatewayThatIgnoresNoticesAndHasNoFallbackLeavesTheBlockedDeviceConnected() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-deaf", deviceKey, owner);
        ActorRef<Gateway.Command> gateway = gateway(settings().withRecheckInterval(NO_FALLBACK), this::deaf);
        RecordingConnection connection = new RecordingConnection();
        Hash session = open(gateway, "gw-dev-deaf", deviceKey, connection);

        declare(owner, "gw-dev-deaf", "{\"declaration\":\"blocked\"}");
        awaitVerdictEverywhere("gw-dev-deaf", "blocked");

        assertThrows(TimeoutException.class, () -> connection.closed.get(5, TimeUnit.SECONDS));
        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-dev-deaf",
                session, 0, "72")), "the blocked device still gets readings in");
    }

    @Test
    void withoutNoticesThePeriodicRecheckClosesTheSession() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-fallback", deviceKey, owner);
        ActorRef<Gateway.Command> gateway = gateway(settings().withRecheckInterval(Duration.ofSeconds(1)),
                this::deaf);
        RecordingConnection connection = new RecordingConnection();
        open(gateway, "gw-dev-fallback", deviceKey, connection);

        declare(owner, "gw-dev-fallback", "{\"declaration\":\"stolen\"}");

        String reason = connection.closed.get(90, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("device blocked: declared stolen"), reason);
    }

    @Test
    void theGatewayQuarantinesADeviceAfterTooManyFailedAuthentications() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-forged", deviceKey, owner);
        ActorRef<Gateway.Command> gateway = gateway(settings().withPolicy(GatewayPolicy.defaults()
                .withQuarantineAfter(2)), this::followed);
        RecordingConnection connection = new RecordingConnection();
        Hash session = open(gateway, "gw-dev-forged", deviceKey, connection);
        KeyPair forger = KeyPair.generate();

        send(gateway, reading(forger, "gw-dev-forged", session, 0, "1"));
        send(gateway, reading(forger, "gw-dev-forged", session, 1, "2"));

        assertEquals("quarantined: 2 failed authentications", connection.closed.get(30, TimeUnit.SECONDS));
        assertEquals("session closed: quarantined: 2 failed authentications",
                assertInstanceOf(Gateway.ReadingAnswer.Refused.class, send(gateway, reading(deviceKey,
                        "gw-dev-forged", session, 2, "72"))).reason());
    }

    @Test
    void anUnregisteredDeviceIsRefused() throws Exception {
        ActorRef<Gateway.Command> gateway = gateway(settings(), this::followed);

        Gateway.SessionAnswer answer = hello(gateway, "gw-dev-nobody", KeyPair.generate(), new RecordingConnection(),
                Function.identity());

        Gateway.SessionAnswer.Refused refused = assertInstanceOf(Gateway.SessionAnswer.Refused.class, answer);
        assertEquals("device gw-dev-nobody is not registered", refused.reason());
    }

    @Test
    void aReplayedHelloAndAHelloSignedWithAnotherKeyAreRefused() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-replay", deviceKey, owner);
        ActorRef<Gateway.Command> gateway = gateway(settings(), this::followed);
        Gateway.ChallengeIssued challenge = ask(gateway, replyTo -> new Gateway.IssueChallenge("gw-dev-replay",
                replyTo));
        DeviceHello hello = DeviceHello.sign(deviceKey, "gw-dev-replay", challenge.gatewayId(),
                challenge.challenge(), System.currentTimeMillis(), "1.0.0");
        Gateway.SessionAnswer first = ask(gateway, replyTo -> new Gateway.OpenSession(hello,
                new RecordingConnection(), replyTo));
        assertInstanceOf(Gateway.SessionAnswer.Opened.class, first);

        Gateway.SessionAnswer replayed = ask(gateway, replyTo -> new Gateway.OpenSession(hello,
                new RecordingConnection(), replyTo));
        Gateway.SessionAnswer impostor = hello(gateway, "gw-dev-replay", KeyPair.generate(),
                new RecordingConnection(), Function.identity());

        assertTrue(assertInstanceOf(Gateway.SessionAnswer.Refused.class, replayed).reason()
                .startsWith("unknown, used or expired challenge"), replayed.toString());
        assertEquals("hello signature does not verify under the registered key of gw-dev-replay",
                assertInstanceOf(Gateway.SessionAnswer.Refused.class, impostor).reason());
    }

    @Test
    void dataReachesAThirdPartyOnlyWithConsentAndEveryFlowIsTracedAndAnchored() throws Exception {
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        bringIntoService("gw-dev-consent", deviceKey, owner);
        grantHeartRateToStMary(owner, "gw-dev-consent");
        GatewaySettings settings = settings();
        ActorRef<Gateway.Command> gateway = gateway(settings, this::followed);
        Hash session = open(gateway, "gw-dev-consent", deviceKey, new RecordingConnection());
        assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, send(gateway, reading(deviceKey, "gw-dev-consent",
                session, 0, "71")));
        KeyPair hospital = KeyPair.generate();
        KeyPair insurer = KeyPair.generate();

        Gateway.DataAnswer permitted = ask(gateway, replyTo -> new Gateway.RequestData(new DataRequest(
                "gw-dev-consent", HEART_RATE, new Recipient(hospital.publicKey(), "cardiologist", "org-st-mary"),
                "TREAT", ConsentAction.ACCESS), replyTo));
        Gateway.DataAnswer denied = ask(gateway, replyTo -> new Gateway.RequestData(new DataRequest(
                "gw-dev-consent", HEART_RATE, new Recipient(insurer.publicKey(), "underwriter", "insurer-x"),
                "TREAT", ConsentAction.ACCESS), replyTo));

        Gateway.DataAnswer.Delivered delivered = assertInstanceOf(Gateway.DataAnswer.Delivered.class, permitted);
        assertEquals(1, delivered.readings().size());
        assertEquals("71", new String(delivered.readings().get(0).payload(), StandardCharsets.UTF_8));
        assertEquals("no consent", assertInstanceOf(Gateway.DataAnswer.Denied.class, denied).reason());
        List<TraceRecord> trail = status(gateway).recentTrace();
        assertEquals(List.of(TraceKind.COLLECT, TraceKind.SHARE, TraceKind.ACCESS),
                trail.stream().map(TraceRecord::kind).toList());
        assertEquals(hospital.publicKey(), trail.get(1).recipient());
        assertEquals(delivered.consentId(), trail.get(1).consentId());
        assertEquals(insurer.publicKey(), trail.get(2).actor());
        assertEquals("denied TREAT: no consent", trail.get(2).purpose());
        assertEquals(Hash.ZERO, trail.get(2).data().contentHash(), "a denial names no data handed over");

        gateway.tell(Gateway.SealTrace.INSTANCE);
        TraceStream.Registered stream = awaitAnchored(settings.gatewayId(), 3);
        assertEquals(settings.key().publicKey(), stream.gateway());
    }

    // -----------------------------------------------------------------------------------------------------------
    // The gateway and its feed

    private GatewaySettings settings() {
        return GatewaySettings.defaults("gw-test-" + (++gateways), LocalCluster.CHAIN_ID, KeyPair.generate());
    }

    private GatewayLedger followed() {
        return new ClientGatewayLedger(client, 2);
    }

    /** The planted bug: the same ledger, but the gateway's subscription to notices goes nowhere. */
    private GatewayLedger deaf() {
        GatewayLedger real = followed();
        return new GatewayLedger() {
            @Override
            public CompletionStage<LegitimacyReading> legitimacy(String deviceId, long atLeastHeight) {
                return real.legitimacy(deviceId, atLeastHeight);
            }

            @Override
            public CompletionStage<Optional<DeviceView>> device(String deviceId) {
                return real.device(deviceId);
            }

            @Override
            public CompletionStage<Decision> decide(PublicKey owner, DecisionRequest request) {
                return real.decide(owner, request);
            }

            @Override
            public CompletionStage<TraceStream> traceStream(String streamId) {
                return real.traceStream(streamId);
            }

            @Override
            public CompletionStage<org.fogledger.ledger.contract.policy.EffectivePolicy> effectivePolicy(
                    String path, long atLeastHeight) {
                return real.effectivePolicy(path, atLeastHeight);
            }

            @Override
            public CompletionStage<org.fogledger.ledger.contract.sharing.SharingState> sharing(String deviceId) {
                return real.sharing(deviceId);
            }

            @Override
            public CompletionStage<SubmitResult> submit(Transaction transaction) {
                return real.submit(transaction);
            }

            @Override
            public ExecutedSubscription follow(ActorRef<ExecutedBlockNotice> follower) {
                return () -> { };
            }
        };
    }

    private ActorRef<Gateway.Command> gateway(GatewaySettings settings,
                                              java.util.function.Supplier<GatewayLedger> ledger) {
        return system.systemActorOf(Gateway.create(settings, ledger.get()), settings.gatewayId(), Props.empty());
    }

    // -----------------------------------------------------------------------------------------------------------
    // The device's side

    private Hash open(ActorRef<Gateway.Command> gateway, String deviceId, KeyPair deviceKey,
                      RecordingConnection connection) throws Exception {
        Gateway.SessionAnswer answer = hello(gateway, deviceId, deviceKey, connection, Function.identity());
        return assertInstanceOf(Gateway.SessionAnswer.Opened.class, answer, answer::toString).sessionId();
    }

    private Gateway.SessionAnswer hello(ActorRef<Gateway.Command> gateway, String deviceId, KeyPair deviceKey,
                                        RecordingConnection connection,
                                        Function<DeviceHello, DeviceHello> tamper) throws Exception {
        Gateway.ChallengeIssued challenge = ask(gateway, replyTo -> new Gateway.IssueChallenge(deviceId, replyTo));
        DeviceHello hello = tamper.apply(DeviceHello.sign(deviceKey, deviceId, challenge.gatewayId(),
                challenge.challenge(), System.currentTimeMillis(), "1.0.0"));
        return ask(gateway, replyTo -> new Gateway.OpenSession(hello, connection, replyTo));
    }

    private static SignedReading reading(KeyPair key, String deviceId, Hash session, long sequence, String value) {
        return SignedReading.sign(key, deviceId, session, sequence, HEART_RATE, System.currentTimeMillis(),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private Gateway.ReadingAnswer send(ActorRef<Gateway.Command> gateway, SignedReading reading) throws Exception {
        return ask(gateway, replyTo -> new Gateway.SubmitReading(reading, replyTo));
    }

    private GatewayStatus status(ActorRef<Gateway.Command> gateway) throws Exception {
        return ask(gateway, Gateway.GetStatus::new);
    }

    private static <T> T ask(ActorRef<Gateway.Command> gateway,
                             org.apache.pekko.japi.function.Function<ActorRef<T>, Gateway.Command> message)
            throws Exception {
        return AskPattern.ask(gateway, message, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The ledger's side: the demo's story, consent, anchors

    /** The maker (here the owner itself) registers the device with its key; the owner commissions and installs it. */
    private void bringIntoService(String deviceId, KeyPair deviceKey, KeyPair owner) throws Exception {
        String ownerHex = ContractJson.hex(owner.publicKey());
        commit(owner, "registry/" + deviceId, "register", "{\"deviceKey\":\"" + ContractJson.hex(
                deviceKey.publicKey()) + "\",\"model\":\"pulse-oximeter-x2\",\"maker\":\"" + ownerHex
                + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"/eu/fr/lyon/hospital-a/ward-3\"}");
        declare(owner, deviceId, "{\"declaration\":\"commissioned\"}");
        declare(owner, deviceId, "{\"declaration\":\"installed\"}");
        // Gateways ask one validator at a time: let every validator have executed the installation.
        awaitVerdictEverywhere(deviceId, "admitted");
    }

    private void declare(KeyPair owner, String deviceId, String payload) throws Exception {
        commit(owner, "registry/" + deviceId, "declare", payload);
    }

    private void grantHeartRateToStMary(KeyPair owner, String deviceId) throws Exception {
        commit(owner, "consent/" + owner.publicKey().keyId().hex(), "grant", """
                {"provision": {"type": "permit",
                  "actor": [{"reference": {"kind": "organization", "value": "org-st-mary"}}],
                  "action": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "access"}],
                  "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"}],
                  "class": [{"system": "http://loinc.org", "code": "8867-4"}],
                  "data": [{"meaning": "authoredby", "reference": {"kind": "device", "value": "%s"}}]}}
                """.formatted(deviceId));
        awaitEverywhere(node -> node.query("consent/" + owner.publicKey().keyId().hex(), "state", new byte[0]),
                answer -> answer.ok() && answer.text().contains(deviceId));
    }

    private static void commit(KeyPair signer, String address, String command, String payload) throws Exception {
        long nonce;
        synchronized (nonces) {
            nonce = nonces.merge(signer.publicKey(), 1L, Long::sum) - 1;
        }
        Transaction tx = Transaction.sign(signer, LocalCluster.CHAIN_ID, nonce, address, command,
                payload.getBytes(StandardCharsets.UTF_8));
        SubmitResult answer = client.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS);
        SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer, answer::toString);
        assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status(), () -> command + " on " + address
                + ": " + committed.receipt().resultCode() + " " + new String(committed.receipt().result(),
                StandardCharsets.UTF_8));
    }

    private static void awaitVerdictEverywhere(String deviceId, String verdict) throws Exception {
        awaitEverywhere(node -> node.query("registry/" + deviceId, "legitimacy", new byte[0]),
                answer -> answer.ok() && answer.text().contains("\"verdict\":\"" + verdict + "\""));
    }

    private static void awaitEverywhere(
            Function<ValidatorNode, CompletionStage<org.fogledger.ledger.execution.ContractHost.QueryResult>> query,
            java.util.function.Predicate<org.fogledger.ledger.execution.ContractHost.QueryResult> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (ValidatorNode node : validators.nodes) {
            while (!done.test(query.apply(node).toCompletableFuture().get(30, TimeUnit.SECONDS))) {
                assertTrue(System.nanoTime() < deadline, "validator " + node.member().name() + " never got there");
                Thread.sleep(50);
            }
        }
    }

    private static TraceStream.Registered awaitAnchored(String streamId, long records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            var answer = validators.nodes.get(0).query("trace/" + streamId, "state", new byte[0])
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            TraceStream stream = ContractJson.read(answer.json(), TraceStream.class, "trace state");
            if (stream instanceof TraceStream.Registered registered && registered.nextSequence() >= records) {
                assertNotNull(registered.lastRoot());
                return registered;
            }
            assertTrue(System.nanoTime() < deadline, "trace/" + streamId + " never anchored " + records
                    + " records: " + answer.text());
            Thread.sleep(100);
        }
    }
}
