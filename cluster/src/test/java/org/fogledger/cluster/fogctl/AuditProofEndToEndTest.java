package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.fogledger.agents.gateway.AnchoredBatchStore;
import org.fogledger.agents.gateway.ClientGatewayLedger;
import org.fogledger.agents.gateway.DeviceConnection;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.GatewaySettings;
import org.fogledger.agents.gateway.GatewayStatus;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.cluster.api.ApiOverLocalCluster;
import org.fogledger.cluster.api.ApiServer;
import org.fogledger.cluster.node.LocalGatewayTrails;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.trace.AuditProof;
import org.fogledger.ledger.contract.trace.AuditProofVerifier;
import org.fogledger.ledger.contract.trace.AuditVerdict;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit proofs served end to end: four in-JVM validators, a gateway beside the API on validator 0's system (found
 * through the receptionist as on a node with roles api and gateway), a device whose readings the gateway traces and
 * anchors. The API answers the proof of a record; it verifies offline against the genesis alone (in Java and with
 * {@code fogctl audit verify}); a tampered proof does not; the errors before anchoring and for unknown streams and
 * sequences are the documented ones; and a restarted gateway still serves the proof from its batch files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditProofEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");
    private static final String DEVICE = "proof-dev-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static LocalCluster cluster;
    private static ApiOverLocalCluster fixture;
    private static ActorSystem<?> system;
    private static LedgerClient ledger;
    private static ApiServer.Binding api;
    private static GatewaySettings settings;
    private static ActorRef<Gateway.Command> gateway;
    private static ActorRef<String> gatewayHost;
    private static int gatewayHosts;
    private static final Map<PublicKey, Long> nonces = new HashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = ApiOverLocalCluster.start(home.resolve("data"), List.of(), WAIT,
                node -> new LocalGatewayTrails(node, WAIT));
        cluster = fixture.cluster;
        system = cluster.nodes.get(0).system();
        ledger = fixture.ledger;
        api = fixture.api;
        // Sealed only when the test says so, so "not anchored yet" is a state the test controls.
        settings = GatewaySettings.defaults("gw-proofs", LocalCluster.CHAIN_ID, KeyPair.generate())
                .withTraceSealInterval(Duration.ofHours(1));
        gateway = startGateway();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * The gateway, as a child of a host actor the test can stop (a node stops its gateway with its ActorSystem); the
     * gateway keeps its name, {@code gateway-<stream>}, by which the API finds it.
     */
    private static ActorRef<Gateway.Command> startGateway() throws Exception {
        AnchoredBatchStore batches = AnchoredBatchStore.open(home.resolve("gateway").resolve("anchored-batches"),
                settings.gatewayId(), CodecLimits.DEFAULT);
        java.util.concurrent.CompletableFuture<ActorRef<Gateway.Command>> child =
                new java.util.concurrent.CompletableFuture<>();
        gatewayHost = system.systemActorOf(Behaviors.<String>setup(context -> {
            child.complete(context.spawn(Gateway.create(settings, new ClientGatewayLedger(ledger, 2),
                    Clock.systemUTC(), new SecureRandom(), batches), "gateway-" + settings.gatewayId()));
            return Behaviors.receiveMessage(stop -> Behaviors.stopped());
        }), "gateway-host-" + (++gatewayHosts), Props.empty());
        ActorRef<Gateway.Command> started = child.get(10, TimeUnit.SECONDS);
        system.receptionist().tell(Receptionist.register(LocalGatewayTrails.SERVICE_KEY, started));
        // The cluster receptionist lists a registration once it has spread; until then the API knows no stream.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(LocalGatewayTrails.SERVICE_KEY, replyTo), WAIT, system.scheduler())
                .toCompletableFuture().get(30, TimeUnit.SECONDS)
                .getServiceInstances(LocalGatewayTrails.SERVICE_KEY).contains(started)) {
            assertTrue(System.nanoTime() < deadline, "the receptionist never listed the gateway");
            Thread.sleep(50);
        }
        return started;
    }

    private static void stopGateway() throws Exception {
        java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
        ActorRef<String> host = gatewayHost;
        system.systemActorOf(Behaviors.<Object>setup(context -> {
            context.watch(host);
            host.tell("stop");
            return Behaviors.receiveSignal((ctx, signal) -> {
                if (signal instanceof org.apache.pekko.actor.typed.Terminated) {
                    stopped.complete(null);
                }
                return Behaviors.same();
            });
        }), "gateway-stopper-" + gatewayHosts, Props.empty());
        stopped.get(30, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void beforeAnchoringTheApiSaysWhyThereIsNoProof() throws Exception {
        bringIntoService(KeyPair.generate());
        assertEquals(3, status().traceNextSequence(), "three readings traced");

        assertProblem(get("/audit/proofs/gw-proofs/1"), 409, "not-anchored-yet");
        assertProblem(get("/audit/proofs/gw-proofs/3"), 404, "sequence-out-of-range");
        assertProblem(get("/audit/proofs/gw-nobody/0"), 404, "unknown-stream");
        assertProblem(get("/audit/proofs/gw-proofs/-1"), 400, "bad-parameter");
        assertProblem(get("/audit/proofs/gw-proofs/one"), 400, "bad-parameter");
        assertProblem(get("/audit/proofs/not%20a%20stream/0"), 400, "bad-address");
    }

    @Test
    @Order(2)
    void anAnchoredRecordsProofVerifiesAgainstTheGenesisAlone() throws Exception {
        gateway.tell(Gateway.SealTrace.INSTANCE);
        String body = awaitProof(1);
        AuditProof proof = AuditProof.fromJson(body.getBytes(StandardCharsets.UTF_8));
        TraceRecord traced = status().recentTrace().get(1);
        assertEquals(traced, proof.record());
        assertEquals(TraceKind.COLLECT, proof.record().kind());

        AuditVerdict verdict = verifier().verifyJson(body.getBytes(StandardCharsets.UTF_8));
        assertTrue(verdict.valid(), verdict.describe());
    }

    @Test
    @Order(3)
    void aTamperedProofFailsVerification() throws Exception {
        String body = awaitProof(2);
        ObjectNode tampered = (ObjectNode) JSON.readTree(body);
        ObjectNode record = (ObjectNode) tampered.get("record");
        record.put("timeMillis", record.get("timeMillis").asLong() + 1);
        AuditVerdict verdict = verifier().verifyJson(JSON.writeValueAsBytes(tampered));
        assertFalse(verdict.valid(), "a record whose time was changed still verified");

        ObjectNode forgedHeight = (ObjectNode) JSON.readTree(body);
        ObjectNode anchorHeader = (ObjectNode) forgedHeight.get("headers").get(0);
        anchorHeader.put("timestampMillis", anchorHeader.get("timestampMillis").asLong() + 1);
        assertFalse(verifier().verifyJson(JSON.writeValueAsBytes(forgedHeight)).valid(),
                "a header changed under its certificates still verified");
    }

    @Test
    @Order(4)
    void fogctlFetchesTheProofAndVerifiesItOffline() throws Exception {
        awaitProof(0);
        Path proofFile = home.resolve("proof.json");
        FogctlRun fetch = FogctlRun.of(home, "audit", "proof", "gw-proofs", "0", "--out", proofFile.toString(),
                "--server", "http://127.0.0.1:" + api.port(), "--timeout", "90");
        assertEquals(ExitCode.OK, fetch.exitCode(), fetch.transcript());
        List<String> validators = cluster.genesis.validatorSet().members().stream()
                .map(key -> java.util.HexFormat.of().formatHex(key.encoded())).toList();
        String[] verify = new String[4 + 2 * validators.size()];
        verify[0] = "audit";
        verify[1] = "verify";
        verify[2] = proofFile.toString();
        verify[3] = "--chain-id=" + LocalCluster.CHAIN_ID;
        for (int i = 0; i < validators.size(); i++) {
            verify[4 + 2 * i] = "--validator";
            verify[5 + 2 * i] = validators.get(i);
        }
        FogctlRun ok = FogctlRun.of(home, verify);
        assertEquals(ExitCode.OK, ok.exitCode(), ok.transcript());

        String text = Files.readString(proofFile);
        Files.writeString(proofFile, text.replace("\"kind\" : \"collect\"", "\"kind\" : \"store\"")
                .replace("\"kind\":\"collect\"", "\"kind\":\"store\""));
        assertFalse(text.equals(Files.readString(proofFile)), "the test did not change the proof");
        FogctlRun refused = FogctlRun.of(home, verify);
        assertEquals(ExitCode.NO, refused.exitCode(), refused.transcript());
    }

    @Test
    @Order(5)
    void aRestartedGatewayStillServesTheProofFromItsBatchFiles() throws Exception {
        String before = awaitProof(1);
        stopGateway();
        gateway = startGateway();
        String after = awaitProof(1);
        assertEquals(JSON.readTree(before).get("record"), JSON.readTree(after).get("record"));
        assertTrue(verifier().verifyJson(after.getBytes(StandardCharsets.UTF_8)).valid());
    }

    // -----------------------------------------------------------------------------------------------------------

    private static AuditProofVerifier verifier() {
        return new AuditProofVerifier(LocalCluster.CHAIN_ID, cluster.genesis.validatorSet());
    }

    /** GETs the proof of record {@code sequence} until it is provable (the chain must commit a claim covering it). */
    private static String awaitProof(long sequence) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        HttpResponse<String> last;
        do {
            last = get("/audit/proofs/gw-proofs/" + sequence);
            if (last.statusCode() == 200) {
                return last.body();
            }
            String code = JSON.readTree(last.body()).path("error").path("code").asText();
            assertTrue(last.statusCode() == 409 && (code.equals("not-anchored-yet") || code.equals("not-provable-yet")),
                    "while waiting for the proof: " + last.statusCode() + " " + last.body());
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no proof of record " + sequence + " within 90 s: " + last.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(90)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals(code, error.get("code").asText(), response.body());
        assertFalse(error.get("message").asText().isBlank(), response.body());
    }

    // -----------------------------------------------------------------------------------------------------------
    // The device: registered, commissioned, installed; a session at the gateway and three readings

    private static void bringIntoService(KeyPair owner) throws Exception {
        KeyPair deviceKey = KeyPair.generate();
        String ownerHex = ContractJson.hex(owner.publicKey());
        commit(owner, "registry/" + DEVICE, "register", "{\"deviceKey\":\"" + ContractJson.hex(
                deviceKey.publicKey()) + "\",\"model\":\"pulse-oximeter-x2\",\"maker\":\"" + ownerHex
                + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"/eu/fr/lyon/hospital-a/ward-3\"}");
        commit(owner, "registry/" + DEVICE, "declare", "{\"declaration\":\"commissioned\"}");
        commit(owner, "registry/" + DEVICE, "declare", "{\"declaration\":\"installed\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (ValidatorNode node : cluster.nodes) {
            while (!node.query("registry/" + DEVICE, "legitimacy", new byte[0]).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).text().contains("\"verdict\":\"admitted\"")) {
                assertTrue(System.nanoTime() < deadline, node.member().name() + " never admitted the device");
                Thread.sleep(50);
            }
        }
        Gateway.ChallengeIssued challenge = ask(replyTo -> new Gateway.IssueChallenge(DEVICE, replyTo));
        DeviceHello hello = DeviceHello.sign(deviceKey, DEVICE, challenge.gatewayId(), challenge.challenge(),
                System.currentTimeMillis(), "1.0.0");
        DeviceConnection connection = reason -> { };
        Gateway.SessionAnswer opened = ask(replyTo -> new Gateway.OpenSession(hello, connection, replyTo));
        Hash session = assertInstanceOf(Gateway.SessionAnswer.Opened.class, opened, opened::toString).sessionId();
        for (int i = 0; i < 3; i++) {
            SignedReading reading = SignedReading.sign(deviceKey, DEVICE, session, i, HEART_RATE,
                    System.currentTimeMillis(), ("7" + i).getBytes(StandardCharsets.UTF_8));
            Gateway.ReadingAnswer answer = ask(replyTo -> new Gateway.SubmitReading(reading, replyTo));
            assertInstanceOf(Gateway.ReadingAnswer.Accepted.class, answer, answer::toString);
        }
    }

    private static GatewayStatus status() throws Exception {
        return ask(Gateway.GetStatus::new);
    }

    private static <T> T ask(org.apache.pekko.japi.function.Function<ActorRef<T>, Gateway.Command> message)
            throws Exception {
        return AskPattern.ask(gateway, message, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    private static void commit(KeyPair signer, String address, String command, String payload) throws Exception {
        long nonce = nonces.merge(signer.publicKey(), 1L, Long::sum) - 1;
        Transaction tx = Transaction.sign(signer, LocalCluster.CHAIN_ID, nonce, address, command,
                payload.getBytes(StandardCharsets.UTF_8));
        SubmitResult answer = ledger.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS);
        SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer, answer::toString);
        assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status(), committed.receipt().resultCode());
    }
}
