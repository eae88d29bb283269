package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.fogledger.cluster.api.ApiOverLocalCluster;
import org.fogledger.cluster.api.ApiServer;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.validator.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * fogctl against the real API server in front of four in-JVM validators whose genesis names one root operator:
 * the root delegates a region, the region issues a policy and decides, a maker registers a device and a patient
 * grants and withdraws a consent, each signed by fogctl with a key file; diff answers 0 then 1; refusals come back
 * as {@code fogctl: <code>: <message>} with exit code 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FogctlEndToEndTest {
    @TempDir
    static Path home;

    private static ApiOverLocalCluster fixture;
    private static ApiServer.Binding api;
    private static Path rootKey;
    private static Path regionKey;
    private static Path makerKey;
    private static String regionHex;

    @BeforeAll
    static void start() throws Exception {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 0x42);
        KeyPair root = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
        rootKey = Files.writeString(home.resolve("root.key"), Pem.writePrivateKey(root));
        fixture = ApiOverLocalCluster.start(home.resolve("data"), List.of(root.publicKey()), Duration.ofSeconds(60));
        api = fixture.api;
        regionKey = home.resolve("region.key");
        makerKey = home.resolve("maker.key");
        assertEquals(ExitCode.OK, FogctlRun.of(home, "keys", "generate", "--out", regionKey.toString()).exitCode());
        assertEquals(ExitCode.OK, FogctlRun.of(home, "keys", "generate", "--out", makerKey.toString()).exitCode());
        regionHex = HexFormat.of().formatHex(Pem.readPrivateKey(Files.readString(regionKey)).publicKey().encoded());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** fogctl with --server this node and --chain-id the test chain's. */
    private static FogctlRun fogctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", "http://127.0.0.1:" + api.port(), "--chain-id", LocalCluster.CHAIN_ID,
                "--timeout", "90"));
        return FogctlRun.of(home, all.toArray(String[]::new));
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(home.resolve(name), text);
    }

    private static void assertOk(FogctlRun run, String... fragments) {
        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        for (String fragment : fragments) {
            assertTrue(run.out().contains(fragment), "missing '" + fragment + "'\n" + run.transcript());
        }
    }

    private static void assertRefused(FogctlRun run, String code) {
        assertEquals(ExitCode.REFUSED, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("fogctl: " + code + ": "), run.transcript());
        assertTrue(!run.err().contains("\tat "), run.transcript());
    }

    private static Path delegation(String jurisdiction) throws Exception {
        return write("delegation.yaml", "kind: Delegation\nspec:\n  agent: \"" + regionHex + "\"\n  rank: region\n"
                + "  jurisdiction: " + jurisdiction + "\n");
    }

    private static Path policy(int maxPerMinute) throws Exception {
        return write("policy.yaml", "kind: Policy\nspec:\n  scope: /eu/fr\n  version: 1\n  rules:\n    telemetry:\n"
                + "      maxPerMinute: " + maxPerMinute + "\n");
    }

    private static Path device(String model) throws Exception {
        return write("device.yaml", """
                kind: Device
                spec:
                  deviceId: e2e-meter-1
                  deviceKey: "0103270690c9c26c7c24907463dfda98ef2f7f6e687194ef85acb14c7f380a5fdf"
                  model: %s
                  location: /eu/fr/lyon/site-1
                """.formatted(model));
    }

    @Test
    @Order(1)
    void validatorsAreListed() {
        assertOk(fogctl("get", "validators"), "KEY", "COMMITTEDHEIGHT");
    }

    @Test
    @Order(2)
    void withoutAChainIdFogctlSignsForTheChainTheServerNames() throws Exception {
        FogctlRun run = FogctlRun.of(home, "decide", "e2e-never-registered", "block", "--key", rootKey.toString(),
                "--server", "http://127.0.0.1:" + api.port());

        // Signed for the server's chain: the ledger judged it (a device that is not registered yet), rather than
        // fogctl stopping with no-chain-id or the server refusing it as wrong-chain.
        assertTrue(run.exitCode() == ExitCode.OK || run.exitCode() == ExitCode.REFUSED, run.transcript());
        assertFalse(run.err().contains("no-chain-id") || run.err().contains("wrong-chain"), run.transcript());
    }

    @Test
    @Order(3)
    void theRootDelegatesARegionAndDiffThenSeesNoChange() throws Exception {
        Path file = delegation("/eu");
        assertEquals(ExitCode.NO, fogctl("diff", "-f", file.toString(), "--key", rootKey.toString()).exitCode());

        assertOk(fogctl("apply", "-f", file.toString(), "--key", rootKey.toString()), "committed", "delegated");

        assertOk(fogctl("diff", "-f", file.toString(), "--key", rootKey.toString()), "= Delegation", "no change");
        FogctlRun wider = fogctl("diff", "-f", delegation("/").toString(), "--key", rootKey.toString());
        assertEquals(ExitCode.NO, wider.exitCode(), wider.transcript());
        assertTrue(wider.out().contains("- jurisdiction: /eu") && wider.out().contains("+ jurisdiction: /"),
                wider.transcript());
        assertOk(fogctl("get", "agents", regionHex, "-o", "json"), "\"valid\" : true");
        assertOk(fogctl("get", "agents", "--under", "/eu"), "region");
    }

    @Test
    @Order(4)
    void theRegionIssuesAPolicyAndDiffComparesTheNewestVersion() throws Exception {
        // A server-side dry run first: the authority contract relays it to the policy contract, both would accept,
        // and nothing is kept (diff still sees the policy missing).
        FogctlRun dry = fogctl("apply", "-f", policy(120).toString(), "--key", regionKey.toString(),
                "--dry-run=server");
        assertOk(dry, "Policy /eu/fr v1: dry run, would commit", "authority/_ issue-policy", "-> policy/_");
        assertEquals(ExitCode.NO, fogctl("diff", "-f", policy(120).toString(), "--key", regionKey.toString())
                .exitCode(), "the dry run kept nothing");

        assertOk(fogctl("apply", "-f", policy(120).toString(), "--key", regionKey.toString()), "Policy /eu/fr v1",
                "committed");

        assertOk(fogctl("diff", "-f", policy(120).toString(), "--key", regionKey.toString()), "no change");
        FogctlRun changed = fogctl("diff", "-f", policy(60).toString(), "--key", regionKey.toString());
        assertEquals(ExitCode.NO, changed.exitCode(), changed.transcript());
        assertTrue(changed.out().contains("+ rules.telemetry.maxPerMinute: 60"), changed.transcript());
        assertOk(fogctl("get", "policies", "--under", "/eu"), "/eu/fr");
        assertOk(fogctl("describe", "policy", "/eu/fr", "--rank", "region"), "maxPerMinute: 120");
    }

    @Test
    @Order(5)
    void aMakerRegistersADeviceOnceAndTheSecondTimeIsRefusedByTheContract() throws Exception {
        assertEquals(ExitCode.NO, fogctl("diff", "-f", device("smart-meter-s1").toString(), "--key",
                makerKey.toString()).exitCode());
        assertOk(fogctl("apply", "-f", device("smart-meter-s1").toString(), "--key", makerKey.toString()),
                "Device e2e-meter-1: committed", "registered");

        assertRefused(fogctl("apply", "-f", device("smart-meter-s1").toString(), "--key", makerKey.toString()),
                "already-registered");
        FogctlRun dryTwice = fogctl("apply", "-f", device("smart-meter-s2").toString(), "--key", makerKey.toString(),
                "--dry-run=server");
        assertRefused(dryTwice, "already-registered");
        assertTrue(dryTwice.out().contains("dry run, would fail")
                && dryTwice.out().contains("registry/e2e-meter-1 register: refused already-registered"),
                dryTwice.transcript());
        assertOk(fogctl("diff", "-f", device("smart-meter-s1").toString(), "--key", makerKey.toString()),
                "no change");
        assertEquals(ExitCode.NO, fogctl("diff", "-f", device("smart-meter-s2").toString(), "--key",
                makerKey.toString()).exitCode());
        assertOk(fogctl("get", "devices", "e2e-meter-1"), "smart-meter-s1");
        assertOk(fogctl("describe", "device", "e2e-meter-1"), "device e2e-meter-1", "model: smart-meter-s1");
    }

    @Test
    @Order(6)
    void theOwnerDeclaresAndTheRegionDecides() {
        assertOk(fogctl("device", "declare", "e2e-meter-1", "commissioned", "--as-owner", "--key",
                makerKey.toString()), "committed", "declared");
        assertOk(fogctl("decide", "e2e-meter-1", "quarantine", "--note", "e2e", "--key", regionKey.toString()),
                "committed", "decision-relayed");
        assertOk(fogctl("get", "decisions", "e2e-meter-1", "-o", "json"), "items");

        // The maker holds no delegation: the API's authority pre-check refuses it before any validator sees it.
        assertRefused(fogctl("decide", "e2e-meter-1", "block", "--key", makerKey.toString()), "not-authorised");
    }

    @Test
    @Order(7)
    void anInstalledDevicesUseIsOfferedAndAnotherIsSubmittedWithoutWaiting() throws Exception {
        // e2e-meter-1 is quarantined by the region's decision; a fresh device is installed and offered.
        Path second = write("second.yaml", Files.readString(device("smart-meter-s1")).replace("e2e-meter-1",
                "e2e-meter-2"));
        assertOk(fogctl("apply", "-f", second.toString(), "--key", makerKey.toString()), "registered");
        assertOk(fogctl("device", "declare", "e2e-meter-2", "commissioned", "--as-owner", "--key",
                makerKey.toString()), "declared");
        assertOk(fogctl("device", "declare", "e2e-meter-2", "installed", "--location", "/eu/fr/lyon/site-2",
                "--as-owner", "--key", makerKey.toString()), "committed", "declared");
        Path offer = write("offer.yaml", Files.readString(Path.of("..", "config", "examples", "offer.yaml"))
                .replace("pulse-ox-42", "e2e-meter-2"));
        assertOk(fogctl("apply", "-f", offer.toString(), "--key", makerKey.toString()), "Offer e2e-meter-2: committed",
                "sharing-offer-relayed");

        Path third = write("third.yaml", Files.readString(second).replace("e2e-meter-2", "e2e-meter-3"));
        assertOk(fogctl("apply", "-f", third.toString(), "--key", makerKey.toString(), "--no-wait"),
                "Device e2e-meter-3: accepted");
    }

    @Test
    @Order(8)
    void theKeyServerAndChainIdCanComeFromTheConfigFile() throws Exception {
        write("config", "server=http://127.0.0.1:" + api.port() + "\nchain-id=" + LocalCluster.CHAIN_ID + "\nkey="
                + makerKey + "\n");
        try {
            FogctlRun run = FogctlRun.of(home, "device", "declare", "e2e-meter-1", "stored", "--as-owner");
            assertOk(run, "committed", "declared");
        } finally {
            Files.delete(home.resolve("config"));
        }
    }

    @Test
    @Order(9)
    void aConsentIsGrantedCheckedAndWithdrawn() throws Exception {
        Path patientKey = home.resolve("patient.key");
        assertEquals(ExitCode.OK, FogctlRun.of(home, "keys", "generate", "--out", patientKey.toString()).exitCode());
        // The example's terms, over a period that holds now: a consent speaks only from the block that grants it.
        String terms = Files.readString(Path.of("..", "config", "examples", "consent.yaml"))
                .replace("{start: 1767225600000, end: 1798761599999}", "{start: 0, end: 4102444800000}");
        FogctlRun granted = fogctl("consent", "grant", write("consent.yaml", terms).toString(),
                "--key", patientKey.toString(), "-o", "json");
        assertOk(granted, "granted");
        String consentId = ApiClient.JSON.readTree(granted.out()).at("/result/data/consentId").asText();
        assertEquals(64, consentId.length(), granted.transcript());
        String owner = Pem.readPrivateKey(Files.readString(patientKey)).publicKey().keyId().hex();

        Path request = write("request.json", """
                {"device": "hr-sensor-7", "dataClass": {"system": "http://loinc.org", "code": "8867-4"},
                 "action": "access", "purpose": "TREAT",
                 "recipient": {"role": "nurse", "organization": "org-st-mary"}, "at": %d}
                """.formatted(System.currentTimeMillis() + 3_600_000L));
        assertOk(fogctl("consent", "check", request.toString(), "--owner", owner), "permit");
        Path intern = write("intern.json", Files.readString(request).replace("nurse", "intern"));
        FogctlRun denied = fogctl("consent", "check", intern.toString(), "--owner", owner);
        assertEquals(ExitCode.NO, denied.exitCode(), denied.transcript());
        assertTrue(denied.out().startsWith("deny"), denied.transcript());
        assertOk(fogctl("get", "consents", owner + "/" + consentId, "-o", "yaml"), "status: active");

        assertOk(fogctl("consent", "import", Path.of("..", "config", "examples", "consent-fhir.json").toString(),
                "--key", patientKey.toString()), "import-fhir consent/" + owner, "granted");
        assertEquals(ExitCode.BAD_INPUT, fogctl("consent", "import", write("terms.yaml", terms).toString(), "--key",
                patientKey.toString()).exitCode());

        assertOk(fogctl("consent", "withdraw", consentId, "--key", patientKey.toString()), "withdrawn");
        assertRefused(fogctl("consent", "withdraw", consentId, "--key", patientKey.toString()), "already-withdrawn");
    }

    @Test
    @Order(10)
    void anAuditProofOfAStreamNoGatewayHereRunsIsRefusedAndFogctlSaysWhatTheServerSaid() {
        // This API runs no gateway beside it (AuditProofEndToEndTest serves real proofs).
        FogctlRun run = fogctl("audit", "proof", "gw-7", "0");

        assertRefused(run, "unknown-stream");
    }

    @Test
    @Order(11)
    void blocksAreListed() {
        FogctlRun run = fogctl("get", "blocks", "-o", "json");
        assertOk(run, "\"height\"");
        JsonNode first = Output.rows(parse(run.out())).get(0);
        assertTrue(first.has("hash"), run.transcript());
    }

    private static JsonNode parse(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
