package org.fogledger.cluster.fogctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --dry-run=client} reads and validates documents here, with the contracts' own readers, and prints
 * the transactions it would sign; a bad document is refused naming the file, the document, the line and the field.
 * No server is running: the dry run never needs one.
 */
class ApplyDryRunTest {
    /** The examples shipped in config/examples, from the cluster module's directory where tests run. */
    private static final Path EXAMPLES = Path.of("..", "config", "examples");

    @TempDir
    Path home;

    private Path key;
    private String signer;

    @BeforeEach
    void key() throws Exception {
        key = home.resolve("operator.key");
        assertEquals(ExitCode.OK, FogctlRun.of(home, "keys", "generate", "--out", key.toString()).exitCode());
        signer = java.util.HexFormat.of().formatHex(Pem.readPrivateKey(Files.readString(key)).publicKey().encoded());
    }

    private FogctlRun dryRun(String file, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"apply", "-f", file, "--key", key.toString()}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--dry-run=client";
        return FogctlRun.of(home, all);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(home.resolve(name), text);
    }

    private void assertRefused(FogctlRun run, String... fragments) {
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("fogctl: invalid-file: "), run.transcript());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "missing '" + fragment + "'\n" + run.transcript());
        }
        assertFalse(run.err().contains("\tat "), run.transcript());
        assertEquals("", run.out(), run.transcript());
    }

    @Test
    void aPolicyBecomesAnIssuePolicyTransactionWithTheCanonicalDocument() throws Exception {
        FogctlRun run = dryRun(EXAMPLES.resolve("policy.yaml").toString(), "-o", "json");

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        JsonNode planned = ApiClient.JSON.readTree(run.out()).get(0);
        assertEquals("authority/_", planned.get("contract").asText());
        assertEquals("issue-policy", planned.get("command").asText());
        assertEquals(signer, planned.get("sender").asText());
        assertEquals("/eu/fr", planned.at("/payload/document/scope").asText());
        assertEquals("2.4.1", planned.at("/payload/document/rules/firmware/minimum").asText());
    }

    @Test
    void everyShippedExampleValidates() {
        FogctlRun run = dryRun(EXAMPLES.toString(), "-o", "json");

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("\"command\" : \"import-fhir\""), run.transcript());
        assertTrue(run.out().contains("\"command\" : \"grant\""), run.transcript());
        assertTrue(run.out().contains("\"command\" : \"delegate\""), run.transcript());
        assertTrue(run.out().contains("\"command\" : \"offer-sharing\""), run.transcript());
        assertTrue(run.out().contains("\"contract\" : \"registry/meter-8\""), run.transcript());
    }

    @Test
    void aBarePolicyFileReadsAsAPolicy() {
        FogctlRun run = dryRun(Path.of("..", "config", "policies", "example-region-policy.yaml").toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("command: issue-policy"), run.transcript());
    }

    @Test
    void aDeviceTakesTheSignerAsMakerAndOwner() throws Exception {
        FogctlRun run = dryRun(EXAMPLES.resolve("device.yaml").toString(), "-o", "json");

        JsonNode planned = ApiClient.JSON.readTree(run.out()).get(0);
        assertEquals("registry/pulse-ox-42", planned.get("contract").asText());
        assertEquals(signer, planned.at("/payload/maker").asText());
        assertEquals(signer, planned.at("/payload/owner").asText());
        assertFalse(planned.get("payload").has("deviceId"), run.transcript());
    }

    @Test
    void aConsentGoesToTheSignersOwnConsentInstance() throws Exception {
        KeyPair keyPair = Pem.readPrivateKey(Files.readString(key));
        FogctlRun run = dryRun(EXAMPLES.resolve("consent.yaml").toString(), "-o", "json");

        assertEquals("consent/" + keyPair.publicKey().keyId().hex(),
                ApiClient.JSON.readTree(run.out()).get(0).get("contract").asText(), run.transcript());
    }

    @Test
    void anUnknownPolicyFieldIsNamedWithItsLine() throws Exception {
        Path file = write("policy.yaml", """
                kind: Policy
                spec:
                  scope: /eu/fr
                  version: 1
                  rules:
                    telemetry:
                      maxPerMinutes: 120
                """);

        assertRefused(dryRun(file.toString()), file + ": document 1, line 7, column 7:",
                "field 'rules.telemetry.maxPerMinutes': unknown field");
    }

    @Test
    void aWrongValueInAPolicyIsNamedWithItsLine() throws Exception {
        Path file = write("policy.json", """
                {"kind": "Policy",
                 "spec": {"scope": "eu/fr", "version": 1, "rules": {}}}
                """);

        assertRefused(dryRun(file.toString()), "line 2", "scope");
    }

    @Test
    void aDuplicateFieldInJsonIsRefusedWithItsLine() throws Exception {
        Path file = write("delegation.json", """
                {"kind": "Delegation",
                 "spec": {"agent": "0150899e71e663b0cf0cffa37d0dc068cbb2ccce2e8dfb296b6c4c3639feb17edc",
                          "rank": "site",
                          "rank": "region",
                          "jurisdiction": "/eu"}}
                """);

        assertRefused(dryRun(file.toString()), "line 4", "Duplicate field 'rank'");
    }

    @Test
    void anUnknownRankIsNamedWithTheLineOfTheField() throws Exception {
        Path file = write("delegation.yaml", """
                kind: Delegation
                spec:
                  agent: "0150899e71e663b0cf0cffa37d0dc068cbb2ccce2e8dfb296b6c4c3639feb17edc"
                  rank: emperor
                  jurisdiction: /eu
                """);

        assertRefused(dryRun(file.toString()), "line 4", "rank");
    }

    @Test
    void theFailingDocumentOfSeveralIsNamed() throws Exception {
        Path file = write("fleet.yaml", """
                kind: Device
                spec:
                  deviceId: meter-7
                  deviceKey: "0103270690c9c26c7c24907463dfda98ef2f7f6e687194ef85acb14c7f380a5fdf"
                  model: smart-meter-s1
                  location: /eu/fr/lyon/site-3
                ---
                kind: Device
                spec:
                  deviceId: meter-8
                  deviceKey: "0103270690c9c26c7c24907463dfda98ef2f7f6e687194ef85acb14c7f380a5fdf"
                  model: smart-meter-s1
                  location: /eu/fr/Lyon/site-3
                """);

        assertRefused(dryRun(file.toString()), "document 2, line 13", "location");
    }

    @Test
    void anUnknownKindIsRefusedListingTheKinds() throws Exception {
        Path file = write("x.yaml", "kind: Gadget\nspec: {}\n");

        assertRefused(dryRun(file.toString()), "line 1", "unknown kind 'Gadget'", "Policy, Device, Delegation");
    }

    @Test
    void aDocumentWithoutKindOrSpecIsRefused() throws Exception {
        assertRefused(dryRun(write("a.yaml", "spec: {}\n").toString()), "field 'kind' is missing");
        assertRefused(dryRun(write("b.yaml", "kind: Device\n").toString()), "field 'spec' is missing");
        assertRefused(dryRun(write("c.yaml", "kind: Device\nspec: {}\nmetadata: {}\n").toString()),
                "line 3", "field 'metadata': unknown field");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws Exception {
        Path file = write("broken.yaml", "kind: Policy\nspec:\n  scope: [/eu\n  version: 1\n");

        assertRefused(dryRun(file.toString()), "not valid YAML", "line ");
    }

    @Test
    void aDeviceSignedByAnotherThanItsMakerIsRefusedBeforeSending() throws Exception {
        Path file = write("device.yaml", """
                kind: Device
                spec:
                  deviceId: dev-1
                  deviceKey: "0103270690c9c26c7c24907463dfda98ef2f7f6e687194ef85acb14c7f380a5fdf"
                  model: m
                  maker: "0150899e71e663b0cf0cffa37d0dc068cbb2ccce2e8dfb296b6c4c3639feb17edc"
                  location: /eu
                """);

        assertRefused(dryRun(file.toString()), "line 6", "must be signed by the maker");
    }

    @Test
    void aFhirConsentOutsideTheSubsetIsRefusedWithItsPath() throws Exception {
        String fhir = Files.readString(EXAMPLES.resolve("consent-fhir.json")).replace("\"status\": \"active\"",
                "\"status\": \"draft\"");
        assertRefused(dryRun(write("fhir.json", fhir).toString()), "status");
    }

    @Test
    void applyNeedsAKey() {
        FogctlRun run = FogctlRun.of(home, "apply", "-f", EXAMPLES.resolve("policy.yaml").toString(),
                "--dry-run=client");

        assertEquals(ExitCode.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("give --key FILE"), run.transcript());
    }
}
