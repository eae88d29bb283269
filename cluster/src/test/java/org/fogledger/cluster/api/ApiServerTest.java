package org.fogledger.cluster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API in front of four in-JVM validators: a signed registration goes in and reads back with an ETag; each
 * documented 4xx is answered with its code; after all of them the node is still ready and still commits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiServerTest {
    @TempDir
    static Path dataDir;

    private static ApiOverLocalCluster fixture;
    private static LocalCluster cluster;
    private static LedgerClient ledger;
    private static ApiServer.Binding api;
    /** The root operator of the test chain (authority over "/"). */
    private static final KeyPair ROOT = KeyPair.generate();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        fixture = ApiOverLocalCluster.start(dataDir, List.of(ROOT.publicKey()), Duration.ofSeconds(60));
        cluster = fixture.cluster;
        ledger = fixture.ledger;
        api = fixture.api;
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aSignedRegistrationCommitsAndReadsBackWithAnETag() throws Exception {
        KeyPair maker = KeyPair.generate();
        HttpResponse<String> posted = post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-1")));
        assertEquals(200, posted.statusCode(), posted.body());
        JsonNode receipt = json(posted);
        assertEquals("committed", receipt.get("status").asText());
        assertEquals("registered", receipt.at("/result/code").asText());
        assertEquals("api-dev-1", receipt.at("/result/data/deviceId").asText());

        HttpResponse<String> device = get("/api/v1/devices/api-dev-1", null);
        assertEquals(200, device.statusCode(), device.body());
        assertEquals(ContractJson.hex(maker.publicKey()), json(device).get("maker").asText());
        String etag = device.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/api/v1/devices/api-dev-1", etag).statusCode());
        assertEquals(200, get("/api/v1/devices/api-dev-1", "\"another\"").statusCode());

        HttpResponse<String> nonce = get("/api/v1/nonce/" + ContractJson.hex(maker.publicKey()), null);
        assertEquals(200, nonce.statusCode(), nonce.body());
        assertEquals(1, json(nonce).get("next").asLong());
    }

    @Test
    @Order(2)
    void theSameTransactionTwiceIsAReplay() throws Exception {
        KeyPair maker = KeyPair.generate();
        String body = envelope(register(maker, 0, "api-dev-replay"));
        assertEquals(200, post("/api/v1/transactions", body).statusCode());
        assertError(post("/api/v1/transactions", body), 409, "nonce-used");
    }

    @Test
    @Order(3)
    void aCommittedTransactionTheContractRefusesIs422WithItsReceipt() throws Exception {
        KeyPair maker = KeyPair.generate();
        assertEquals(200, post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-twice"))).statusCode());
        HttpResponse<String> again = post("/api/v1/transactions", envelope(register(maker, 1, "api-dev-twice")));
        assertError(again, 422, "already-registered");
        assertEquals("committed", json(again).at("/receipt/status").asText());
    }

    @Test
    @Order(3)
    void aDryRunSaysWhatWouldHappenAndCommitsNothing() throws Exception {
        KeyPair maker = KeyPair.generate();
        HttpResponse<String> dry = post("/api/v1/transactions?dryRun=true",
                envelope(register(maker, 0, "api-dev-dry")));
        assertEquals(200, dry.statusCode(), dry.body());
        JsonNode answer = json(dry);
        assertEquals("dry-run", answer.get("status").asText());
        assertTrue(answer.get("wouldSucceed").asBoolean());
        assertEquals("registered", answer.at("/executions/0/code").asText());
        assertEquals("api-dev-dry", answer.at("/executions/0/data/deviceId").asText());
        assertError(get("/api/v1/devices/api-dev-dry", null), 404, "not-registered");
        assertEquals(0, json(get("/api/v1/nonce/" + ContractJson.hex(maker.publicKey()), null)).get("next").asLong());

        // One the contract would refuse: the contract's code, and the dry run in the body.
        assertEquals(200, post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-dry"))).statusCode());
        HttpResponse<String> twice = post("/api/v1/transactions?dryRun=true",
                envelope(register(maker, 1, "api-dev-dry")));
        assertError(twice, 422, "already-registered");
        assertFalse(json(twice).at("/dryRun/wouldSucceed").asBoolean(), twice.body());
        assertEquals(1, json(get("/api/v1/nonce/" + ContractJson.hex(maker.publicKey()), null)).get("next").asLong(),
                "the refused dry run used no nonce");
        assertError(post("/api/v1/transactions?dryRun=maybe", envelope(register(maker, 1, "api-dev-dry"))), 400,
                "bad-parameter");
    }

    @Test
    @Order(4)
    void readsMapToContractQueries() throws Exception {
        KeyPair maker = KeyPair.generate();
        assertEquals(200, post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-reads"))).statusCode());
        HttpResponse<String> legitimacy = get("/api/v1/devices/api-dev-reads/legitimacy", null);
        assertEquals(200, legitimacy.statusCode(), legitimacy.body());
        assertEquals("rejected", json(legitimacy).get("verdict").asText(), legitimacy.body());
        assertTrue(legitimacy.headers().firstValue("ETag").isPresent());
        assertTrue(legitimacy.headers().firstValue("X-FogLedger-Height").isPresent());
        for (String path : new String[] {"/api/v1/devices/api-dev-reads/standing",
                "/api/v1/devices/api-dev-reads/decisions?sinceHeight=0", "/api/v1/policies?under=/eu",
                "/api/v1/agents/" + ContractJson.hex(maker.publicKey()), "/api/v1/audit/streams/api-stream-1",
                "/api/v1/blocks/1", "/api/v1/policies/effective?path=/eu/fr/lyon"}) {
            HttpResponse<String> read = get(path, null);
            assertEquals(200, read.statusCode(), path + ": " + read.body());
        }
        HttpResponse<String> generic = post("/api/v1/query/registry/api-dev-reads/legitimacy", "");
        assertEquals(legitimacy.body(), generic.body());
        HttpResponse<String> agent = get("/api/v1/agents/" + ContractJson.hex(maker.publicKey()), null);
        assertEquals(false, json(agent).get("valid").asBoolean(), agent.body());
    }

    @Test
    @Order(6)
    void withTwoConfirmationsTheReceiptNamesTwoAgreeingValidators() throws Exception {
        LedgerClient second = LedgerClient.create(cluster.nodes.get(1).system());
        ApiServer.Binding confirming = ApiServer.start(cluster.nodes.get(1).system(), second,
                        ApiSettings.defaults(LocalCluster.CHAIN_ID).withAddress("127.0.0.1", 0).withConfirmations(2)
                                .withAnswerTimeout(Duration.ofSeconds(60)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            KeyPair maker = KeyPair.generate();
            String body = envelope(register(maker, 0, "api-dev-confirmed"));
            URI at = URI.create("http://127.0.0.1:" + confirming.port() + "/api/v1/transactions");
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            assertEquals(2, json(posted).get("validators").size(), posted.body());
        } finally {
            confirming.stop(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            second.close();
        }
    }

    @Test
    void malformedJsonIs400NamingTheProblem() throws Exception {
        HttpResponse<String> answer = post("/api/v1/transactions", "{\"transaction\": ");
        assertError(answer, 400, "malformed-json");
        assertTrue(json(answer).at("/error/message").asText().contains("line 1"), answer.body());
        assertError(post("/api/v1/transactions", "{\"tx\": \"00\"}"), 400, "malformed-transaction");
        assertError(post("/api/v1/transactions", "{\"transaction\": \"zz\"}"), 400, "malformed-transaction");
        assertError(post("/api/v1/transactions", "{\"transaction\": \"0102\"}"), 400, "malformed-transaction");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"transaction\": \"" + "0".repeat(ApiSettings.DEFAULT_MAX_BODY_BYTES + 10) + "\"}";
        assertError(post("/api/v1/transactions", big), 413, "body-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/transactions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(answer, 415, "unsupported-media-type");
    }

    @Test
    void aSignatureThatDoesNotVerifyIs401() throws Exception {
        KeyPair maker = KeyPair.generate();
        Transaction signed = register(maker, 0, "api-dev-forged");
        Transaction other = register(maker, 1, "api-dev-forged");
        Transaction forged = new Transaction(signed.chainId(), signed.sender(), signed.nonce(), signed.contract(),
                signed.command(), signed.payload(), other.signature());
        long refusedBefore = refusedByValidators();
        assertError(post("/api/v1/transactions", envelope(forged)), 401, "bad-signature");
        // Checked by the API itself: had it passed the forgery on, a validator's mempool would have counted it.
        assertEquals(refusedBefore, refusedByValidators());
    }

    @Test
    void withoutWaitingTheAnswerIs202AndTheTransactionCommitsLater() throws Exception {
        KeyPair maker = KeyPair.generate();
        Transaction tx = register(maker, 0, "api-dev-nowait");
        HttpResponse<String> accepted = post("/api/v1/transactions?wait=false", envelope(tx));
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(tx.hash().hex(), json(accepted).get("txHash").asText());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = get("/api/v1/devices/api-dev-nowait", null).statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(200, status, "the device registered without waiting never appeared");
    }

    @Test
    void aTransactionForAnotherChainIs400() throws Exception {
        KeyPair maker = KeyPair.generate();
        Transaction elsewhere = Transaction.sign(maker, "another-chain", 0, "registry/api-dev-x", "register",
                registration(maker, "api-dev-x"));
        assertError(post("/api/v1/transactions", envelope(elsewhere)), 400, "wrong-chain");
    }

    @Test
    void aDecisionBySomeoneWhoIsNoAgentIs403() throws Exception {
        KeyPair stranger = KeyPair.generate();
        Transaction decide = Transaction.sign(stranger, LocalCluster.CHAIN_ID, 0, "authority/_", "decide",
                "{\"deviceId\":\"api-dev-1\",\"action\":\"block\",\"note\":\"no authority\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertError(post("/api/v1/transactions", envelope(decide)), 403, "not-authorised");
    }

    @Test
    @Order(5)
    void aSiteAgentsDecisionOutsideItsJurisdictionIs403() throws Exception {
        KeyPair site = KeyPair.generate();
        Transaction delegate = Transaction.sign(ROOT, LocalCluster.CHAIN_ID, 0, "authority/_", "delegate",
                ("{\"agent\":\"" + ContractJson.hex(site.publicKey()) + "\",\"rank\":\"site\","
                        + "\"jurisdiction\":\"/eu/de/berlin\"}").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> delegated = post("/api/v1/transactions", envelope(delegate));
        assertEquals(200, delegated.statusCode(), delegated.body());
        KeyPair maker = KeyPair.generate();
        assertEquals(200, post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-lyon"))).statusCode());

        Transaction decide = Transaction.sign(site, LocalCluster.CHAIN_ID, 0, "authority/_", "decide",
                "{\"deviceId\":\"api-dev-lyon\",\"action\":\"block\",\"note\":\"not mine\"}"
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = post("/api/v1/transactions", envelope(decide));
        assertError(refused, 403, "outside-jurisdiction");
        assertTrue(json(refused).at("/error/message").asText().contains("/eu/de/berlin"), refused.body());
        HttpResponse<String> agent = get("/api/v1/agents/" + ContractJson.hex(site.publicKey()), null);
        assertEquals(true, json(agent).get("valid").asBoolean(), agent.body());
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerJson() throws Exception {
        assertError(get("/api/v1/nothing-here", null), 404, "unknown-route");
        assertError(get("/api/v1/transactions", null), 405, "method-not-allowed");
        assertError(get("/api/v1/devices/never-registered", null), 404, "not-registered");
        assertError(get("/api/v1/nonce/not-a-key", null), 400, "bad-key");
        assertError(get("/api/v1/blocks/999999", null), 404, "not-found");
        assertError(get("/api/v1/policies/eu/fr?rank=region", null), 404, "no-policy");
        assertError(get("/api/v1/policies/effective", null), 400, "bad-parameter");
        assertError(get("/api/v1/agents?size=9999", null), 400, "bad-parameter");
    }

    @Test
    void listsArePaged() throws Exception {
        HttpResponse<String> agents = get("/api/v1/agents?under=/&page=0&size=10", null);
        assertEquals(200, agents.statusCode(), agents.body());
        JsonNode page = json(agents);
        assertTrue(page.get("items").isArray());
        assertEquals(10, page.get("size").asInt());
        HttpResponse<String> blocks = get("/api/v1/blocks?from=0&size=2", null);
        assertEquals(200, blocks.statusCode(), blocks.body());
        assertEquals(0, json(blocks).at("/items/0/height").asLong());
        HttpResponse<String> validators = get("/api/v1/validators", null);
        assertEquals(4, json(validators).get("items").size(), validators.body());
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test (unannotated ones come at MAX_VALUE / 2)
    void afterEveryRefusalTheNodeIsReadyAndStillCommits() throws Exception {
        assertEquals(200, get("/alive", null).statusCode());
        HttpResponse<String> ready = get("/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        KeyPair maker = KeyPair.generate();
        HttpResponse<String> posted = post("/api/v1/transactions", envelope(register(maker, 0, "api-dev-after")));
        assertEquals(200, posted.statusCode(), posted.body());

        HttpResponse<String> metrics = get("/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("fogledger_api_requests_total{method=\"POST\",route=\"/api/v1/transactions\",status=\"200\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("fogledger_api_request_duration_seconds_count"), metrics.body());
    }

    // -----------------------------------------------------------------------------------------------------------

    private static long refusedByValidators() throws Exception {
        long refused = 0;
        for (var node : cluster.nodes) {
            refused += node.status().toCompletableFuture().get(10, TimeUnit.SECONDS).counters()
                    .get("refusedTransactions");
        }
        return refused;
    }

    private static Transaction register(KeyPair maker, long nonce, String deviceId) {
        return Transaction.sign(maker, LocalCluster.CHAIN_ID, nonce, "registry/" + deviceId, "register",
                registration(maker, deviceId));
    }

    private static byte[] registration(KeyPair maker, String deviceId) {
        String makerHex = ContractJson.hex(maker.publicKey());
        return ("{\"deviceKey\":\"" + ContractJson.hex(KeyPair.generate().publicKey()) + "\",\"model\":\"meter-" + deviceId
                + "\",\"maker\":\"" + makerHex + "\",\"owner\":\"" + makerHex
                + "\",\"location\":\"/eu/fr/lyon/site-a\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String envelope(Transaction tx) {
        return "{\"transaction\":\"" + HexFormat.of().formatHex(tx.encode()) + "\"}";
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ApiJson.MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        assertEquals(code, json(response).at("/error/code").asText(), response.body());
    }
}
