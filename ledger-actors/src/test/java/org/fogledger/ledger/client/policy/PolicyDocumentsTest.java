package org.fogledger.ledger.client.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.junit.jupiter.api.Test;

/** Operators write policies in YAML or JSON; both become the one canonical document the contract reads. */
class PolicyDocumentsTest {
    private static final String YAML = """
            # a region's policy
            scope: /eu/fr
            version: 3
            rules:
              firmware:
                minimum: "2.4.1"
              telemetry:
                maxPerMinute: 120
              sharing:
                allowedPurposes: [TREAT, HRESCH]
                deniedRecipients:
                  - insurer-x
              decisionRights:
                site: [update-firmware, quarantine]
              equalRanks:
                block: {rule: quorum, k: 2}
            """;
    private static final String JSON = """
            {"version": 3, "scope": "/eu/fr",
             "rules": {"equalRanks": {"block": {"k": 2, "rule": "quorum"}},
                       "decisionRights": {"site": ["quarantine", "update-firmware"]},
                       "sharing": {"deniedRecipients": ["insurer-x"], "allowedPurposes": ["HRESCH", "TREAT"]},
                       "telemetry": {"maxPerMinute": 120}, "firmware": {"minimum": "2.4.1"}}}
            """;

    @Test
    void yamlAndJsonOfOnePolicyGiveTheSameCanonicalDocument() {
        assertEquals(PolicyDocuments.parse(JSON), PolicyDocuments.parse(YAML));
        String canonical = PolicyDocuments.canonicalJson(YAML);
        assertEquals(canonical, PolicyDocuments.canonicalJson(JSON));
        assertEquals("{\"rules\":{\"decisionRights\":{\"site\":[\"quarantine\",\"update-firmware\"]},\"equalRanks\":"
                + "{\"block\":{\"k\":2,\"rule\":\"quorum\"}},\"firmware\":{\"minimum\":\"2.4.1\"},\"sharing\":"
                + "{\"allowedPurposes\":[\"HRESCH\",\"TREAT\"],\"deniedRecipients\":[\"insurer-x\"]},\"telemetry\":"
                + "{\"maxPerMinute\":120}},\"scope\":\"/eu/fr\",\"version\":3}", canonical);
        // The contract reads the canonical form back to the same document.
        assertEquals(PolicyDocuments.parse(YAML), ContractJson.read(canonical.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), PolicyDocument.class, "policy"));
    }

    @Test
    void theExampleFileOfTheRepositoryParses() throws Exception {
        Path example = Path.of("..", "config", "policies", "example-region-policy.yaml");
        PolicyDocument document = PolicyDocuments.parse(Files.readString(example));
        assertEquals("/eu/fr", document.scope());
        assertEquals(List.of("ETREAT", "HRESCH", "TREAT"), document.rules().sharing().allowedPurposes());
    }

    private static PolicyDocumentException refused(String text) {
        return assertThrows(PolicyDocumentException.class, () -> PolicyDocuments.parse(text));
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  telemetry:
                    maxPerMinute: 120
                  firmware: minimum: "2.4"
                """);
        assertEquals(6, e.line(), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("line 6, column "), e.getMessage());
        assertEquals(true, e.getMessage().contains("not valid YAML: mapping values are not allowed here"),
                e.getMessage());
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  telemetry:
                    maxPerMinut: 120
                """);
        assertEquals("line 5, column 5: field 'rules.telemetry.maxPerMinut': unknown field; expected one of"
                + " [maxPerMinute]", e.getMessage());
    }

    @Test
    void anUnquotedDottedVersionThatYamlReadsAsANumberIsRefused() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  firmware:
                    minimum: 2.4
                """);
        assertEquals(5, e.line(), e.getMessage());
        assertEquals(true, e.getMessage().contains("field 'rules.firmware.minimum'"), e.getMessage());
    }

    @Test
    void aValueWhereAMappingBelongsIsRefused() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  firmware: "2.4"
                """);
        assertEquals("line 4, column 3: field 'rules.firmware': expected a mapping of fields, not the value ('2.4')",
                e.getMessage());
    }

    @Test
    void aDuplicateFieldIsRefused() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                scope: /eu/de
                """);
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(true, e.getMessage().contains("scope"), e.getMessage());
    }

    @Test
    void aValueOutOfBoundsIsNamedWithTheLineOfItsField() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  sharing:
                    allowedRecipients:
                      - hospital-a
                      - "has space"
                """);
        assertEquals("line 7, column 9: policy document: field 'rules.sharing.allowedRecipients[1]' 'has space' must"
                + " be 1-128 characters of A-Z a-z 0-9 . _ : @ / + = -", e.getMessage());
        PolicyDocumentException json = refused("{\"scope\": \"/eu/fr\",\n \"version\": 0}");
        assertEquals("line 2, column 2: policy document: field 'version' 0 must be at least 1", json.getMessage());
    }

    @Test
    void malformedJsonIsRefusedWithItsLine() {
        PolicyDocumentException e = refused("{\"scope\": \"/eu/fr\",\n \"version\": 1,\n \"rules\": {]}");
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void aSelfContradictoryDocumentIsRefusedBeforeItIsSigned() {
        PolicyDocumentException e = refused("""
                scope: /eu/fr
                version: 1
                rules:
                  sharing:
                    allowedRecipients: [insurer-x]
                    deniedRecipients: [insurer-x]
                """);
        assertEquals("the rules contradict each other: rules.sharing.allowedRecipients [insurer-x] contradicts"
                + " rules.sharing.deniedRecipients [insurer-x]", e.getMessage());
    }
}
