package org.fogledger.ledger.contract.policy;

import static org.fogledger.ledger.contract.arbitration.DecisionAction.BLOCK;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.QUARANTINE;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.UPDATE_FIRMWARE;
import static org.fogledger.ledger.contract.policy.PolicyHarness.DEVICE_AGENT;
import static org.fogledger.ledger.contract.policy.PolicyHarness.REGION_FR;
import static org.fogledger.ledger.contract.policy.PolicyHarness.REGION_FR_2;
import static org.fogledger.ledger.contract.policy.PolicyHarness.ROOT;
import static org.fogledger.ledger.contract.policy.PolicyHarness.SITE_LYON;
import static org.fogledger.ledger.contract.policy.PolicyHarness.STRANGER;
import static org.fogledger.ledger.contract.policy.PolicyHarness.expectOk;
import static org.fogledger.ledger.contract.policy.PolicyHarness.expectRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.arbitration.AgentDecision;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.arbitration.PolicyRuling;
import org.fogledger.ledger.contract.authority.Rank;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The policy contract end to end: agents issue through the authority; decisions are ruled on their way. */
class PolicyContractTest {
    private final PolicyHarness ledger = new PolicyHarness().rootRegionSite();

    private static Policies region(long version) {
        return Policies.at("/eu/fr", version);
    }

    // --- who may apply -------------------------------------------------------------------------------------------

    @Test
    void applyIsRefusedAsADirectTransaction() {
        ContractResult result = ledger.block(ROOT, "policy", "apply", new PolicyCommand.Apply(ROOT.publicKey(),
                Rank.ROOT, "/", region(1).document())).forTransaction(0).result();
        expectRefused(result, "not-authorised", "policy.apply is accepted from authority/_ only (issue a policy with"
                + " authority.issue-policy), not from a transaction");
    }

    @Test
    void applyIsRefusedFromAnyOtherContract() {
        List<ExecutionRecord> records = ledger.forward(STRANGER, "impostor", "apply",
                new PolicyCommand.Apply(STRANGER.publicKey(), Rank.ROOT, "/", region(1).document()));
        expectRefused(records.get(0).result(), "not-authorised", "policy.apply is accepted from authority/_ only"
                + " (issue a policy with authority.issue-policy), not from impostor/_");
    }

    @Test
    void anAgentWithoutAuthorityIssuesNothing() {
        PolicyHarness.Issued issued = ledger.issue(STRANGER, region(1).document());
        assertEquals("not-authorised", issued.authority().code(), issued.authority().text());
        assertNull(issued.policy());
    }

    @Test
    void aScopeOutsideTheIssuersJurisdictionIsRefusedByTheAuthority() {
        PolicyHarness.Issued issued = ledger.issue(REGION_FR, Policies.at("/eu/de", 1).telemetry(10).document());
        expectRefused(issued.authority(), "outside-jurisdiction", "authority.issue-policy: scope '/eu/de' is not"
                + " within your jurisdiction '/eu/fr'");
        assertNull(issued.policy());
    }

    @Test
    void aDeviceAgentIssuesNoPolicy() {
        PolicyHarness.Issued issued = ledger.issue(DEVICE_AGENT, Policies.at("/eu/fr/lyon/ward-3", 1).document());
        expectOk(issued.authority());
        expectRefused(issued.policy(), "not-authorised", "policy.apply: an agent of rank device issues no policy");
    }

    @Test
    void aPolicyMayNotSetTheDecisionRightsOfAHigherRank() {
        PolicyHarness.Issued issued = ledger.issue(SITE_LYON, Policies.at("/eu/fr/lyon", 1)
                .rights(Rank.REGION, QUARANTINE).document());
        expectRefused(issued.policy(), "not-authorised", "policy.apply: rules.decisionRights.region constrains rank"
                + " region, above the issuer's rank site; a policy may set decision rights for its own rank and those"
                + " below");
    }

    @Test
    void aMalformedDocumentIsRefusedNamingTheField() throws Exception {
        JsonNode payload = ContractJson.mapper().readTree("{\"document\": {\"scope\": \"/eu/fr\", \"version\": 1,"
                + " \"rules\": {\"telemetry\": {\"maxPerMinut\": 5}}}}");
        ContractResult result = ledger.block(REGION_FR, "authority", "issue-policy", payload).forTransaction(0)
                .result();
        expectRefused(result, "malformed-payload", "authority.issue-policy: field 'document.rules.telemetry"
                + ".maxPerMinut': unknown field; expected one of [maxPerMinute]");
        PolicyHarness.Issued outOfBounds = ledger.issue(REGION_FR, region(1).telemetry(-1).document());
        expectRefused(outOfBounds.policy(), "malformed-payload", "policy.apply document: field"
                + " 'rules.telemetry.maxPerMinute' -1 must be 0 to 1000000");
    }

    // --- versions ------------------------------------------------------------------------------------------------

    @Test
    void eachVersionIsThePreviousPlusOne() {
        expectRefused(ledger.issue(REGION_FR, region(2).document()).policy(), "version-gap", "policy.apply: version"
                + " 2 of /eu/fr (region) skips versions: none is committed yet; the next is 1");
        PolicyHarness.Issued first = ledger.issue(REGION_FR, region(1).telemetry(600).document());
        assertEquals("applied", first.policy().code());
        expectRefused(ledger.issue(REGION_FR, region(1).telemetry(100).document()).policy(), "stale-version",
                "policy.apply: version 1 of /eu/fr (region) is stale: version 1 is in force; the next is 2");
        expectRefused(ledger.issue(REGION_FR, region(3).document()).policy(), "version-gap", "policy.apply: version"
                + " 3 of /eu/fr (region) skips versions: version 1 is in force; the next is 2");
        PolicyHarness.Issued second = ledger.issue(REGION_FR, region(2).telemetry(300).document());
        assertEquals("superseded", second.policy().code());
        assertEquals(new Sourced<>(300, List.of("/eu/fr@2 (region)")),
                ledger.effective("/eu/fr/lyon/ward-3").telemetryMaxPerMinute());
    }

    @Test
    void agentsOfEqualRankShareOneSequenceOfVersionsPerScope() {
        ledger.committed(REGION_FR, region(1).telemetry(600));
        expectRefused(ledger.issue(REGION_FR_2, region(1).telemetry(60).document()).policy(), "stale-version",
                "policy.apply: version 1 of /eu/fr (region) is stale: version 1 is in force; the next is 2");
        ledger.committed(REGION_FR_2, region(2).telemetry(60));
        // Another rank over the same scope keeps its own sequence.
        ledger.committed(ROOT, region(1).telemetry(1000));
    }

    @Test
    void aReplayedDocumentIsStale() {
        ledger.committed(REGION_FR, region(1).telemetry(600));
        ledger.committed(REGION_FR, region(2).telemetry(500));
        expectRefused(ledger.issue(REGION_FR, region(1).telemetry(600).document()).policy(), "stale-version",
                "policy.apply: version 1 of /eu/fr (region) is stale: version 2 is in force; the next is 3");
    }

    // --- narrowing and consistency ------------------------------------------------------------------------------

    @Test
    void aLowerRankThatWidensIsRefusedNamingTheClashingRules() {
        ledger.committed(ROOT, Policies.at("/", 1).telemetry(120).firmware("2.4"));
        ledger.committed(REGION_FR, region(1).telemetry(100).rights(Rank.SITE, QUARANTINE));
        PolicyHarness.Issued issued = ledger.issue(SITE_LYON, Policies.at("/eu/fr/lyon", 1).telemetry(600)
                .firmware("2.3.9").rights(Rank.SITE, QUARANTINE, BLOCK).document());
        expectRefused(issued.policy(), "widens-policy", "policy.apply: policy /eu/fr/lyon@1 (site) widens"
                + " higher-rank policies: rules.firmware.minimum 2.3.9 widens 2.4 set by policy /@1 (root);"
                + " rules.telemetry.maxPerMinute 600 widens 120 set by policy /@1 (root);"
                + " rules.telemetry.maxPerMinute 600 widens 100 set by policy /eu/fr@1 (region);"
                + " rules.decisionRights.site [block, quarantine] widens [quarantine] set by policy /eu/fr@1 (region)"
                + " (adds [block])");
        ledger.committed(SITE_LYON, Policies.at("/eu/fr/lyon", 1).telemetry(60).firmware("2.5")
                .rights(Rank.SITE, QUARANTINE));
    }

    @Test
    void aHigherRankMayAlwaysNarrowOrRelaxItsOwnPolicy() {
        ledger.committed(REGION_FR, region(1).telemetry(100));
        // The root may set a stricter or a looser rate: the effective policy keeps the strictest.
        ledger.committed(ROOT, Policies.at("/", 1).telemetry(600));
        assertEquals(new Sourced<>(100, List.of("/eu/fr@1 (region)")),
                ledger.effective("/eu/fr/lyon").telemetryMaxPerMinute());
    }

    @Test
    void aSelfContradictoryDocumentIsRefusedNamingTheClashingRules() {
        PolicyHarness.Issued issued = ledger.issue(REGION_FR, region(1).allowedRecipients("insurer-x", "lab")
                .deniedRecipients("insurer-x").quorum(BLOCK, 0).document());
        expectRefused(issued.policy(), "self-contradiction", "policy.apply: policy /eu/fr@1 (region) contradicts"
                + " itself: rules.sharing.allowedRecipients [insurer-x] contradicts rules.sharing.deniedRecipients"
                + " [insurer-x]; rules.equalRanks.block.k 0 contradicts rules.equalRanks.block.rule quorum, which"
                + " needs 1 to 16 agents");
    }

    // --- queries -------------------------------------------------------------------------------------------------

    @Test
    void theEffectivePolicyIsTheMeetOfTheNewestVersions() {
        ledger.committed(ROOT, Policies.at("/", 1).firmware("2.0").allowedPurposes("TREAT", "HRESCH")
                .quorum(BLOCK, 2));
        ledger.committed(REGION_FR, region(1).firmware("2.4.1").allowedPurposes("TREAT").deniedRecipients("x"));
        ledger.committed(SITE_LYON, Policies.at("/eu/fr/lyon", 1).quarantineAfter(3).quorum(BLOCK, 3));
        ledger.committed(SITE_LYON, Policies.at("/eu/fr/lyon", 2).quarantineAfter(4).quorum(BLOCK, 3));
        EffectivePolicy effective = ledger.effective("/eu/fr/lyon/ward-3");
        assertEquals(List.of("/@1 (root)", "/eu/fr@1 (region)", "/eu/fr/lyon@2 (site)"), effective.policies());
        assertEquals(new PolicyRules(new FirmwareRule("2.4.1"), new QuarantineRule(4), null,
                        new SharingRule(List.of("TREAT"), null, null, List.of("x")), null,
                        new java.util.TreeMap<>(java.util.Map.of("block",
                                new EqualRankArbitration(EqualRankRule.QUORUM, 3)))),
                effective.asRules());
        // Elsewhere only the root's policy applies.
        assertEquals(List.of("/@1 (root)"), ledger.effective("/eu/de/berlin").policies());
    }

    @Test
    void policiesAreListedUnderAScopeAndEachHasItsHistory() {
        ledger.committed(ROOT, Policies.at("/", 1).telemetry(600));
        ledger.committed(REGION_FR, region(1).telemetry(300));
        ledger.committed(REGION_FR_2, region(2).telemetry(200));
        PolicyContract.PolicyList listed = ContractJson.readTrusted(ledger.query("policies",
                new PolicyCommand.PoliciesUnder("/eu")), PolicyContract.PolicyList.class);
        assertEquals(List.of("/eu/fr@2 (region)"), listed.policies().stream().map(p -> p.ref().toString()).toList());
        PolicySlot slot = ContractJson.readTrusted(ledger.query("policy", new PolicyCommand.PolicyOf("/eu/fr",
                Rank.REGION)), PolicySlot.class);
        assertEquals(2, slot.newest().document().version());
        assertEquals(REGION_FR_2.publicKey(), slot.newest().issuer());
        assertEquals(List.of(1L, 2L), slot.history().stream().map(PolicyVersion::version).toList());
        assertEquals(List.of(REGION_FR.publicKey(), REGION_FR_2.publicKey()),
                slot.history().stream().map(PolicyVersion::issuer).toList());
        ContractRefusal none = Assertions.assertThrows(ContractRefusal.class, () -> ledger.query("policy",
                new PolicyCommand.PolicyOf("/eu/fr", Rank.SITE)));
        assertEquals("policy query policy: no policy of rank site over /eu/fr is committed", none.getMessage());
    }

    @Test
    void theStateAndItsEventsReadBackFromTheirJson() {
        ledger.committed(ROOT, Policies.at("/", 1).firmware("2.0").allowedPurposes("TREAT").quorum(BLOCK, 2));
        ledger.committed(REGION_FR, region(1).deniedRecipients("x").rights(Rank.SITE, QUARANTINE));
        ledger.committed(REGION_FR, region(2).telemetry(60));
        PolicyState state = ledger.state();
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), PolicyState.class));
        PolicyEvent event = new PolicyEvent.Applied(state.slot("/", Rank.ROOT).newest());
        assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), PolicyEvent.class));
    }

    // --- vet-decision --------------------------------------------------------------------------------------------

    private static AgentDecision decision(String deviceId, Rank rank, String path) {
        return new AgentDecision(deviceId, SITE_LYON.publicKey(), rank, "/eu/fr/lyon", BLOCK, "ticket 7", 9, 0, path,
                null, null);
    }

    @Test
    void aDecisionIsRuledAndRelayedToTheDevicesArbitration() {
        ledger.committed(REGION_FR, region(1).rights(Rank.SITE, QUARANTINE, UPDATE_FIRMWARE).quorum(BLOCK, 2));
        AgentDecision decision = decision("dev-1", Rank.SITE, "/eu/fr/lyon/ward-3");
        List<ExecutionRecord> records = ledger.forward(SITE_LYON, "registry/dev-1", "vet-decision", decision);
        PolicyRuling ruling = new PolicyRuling(false, "policy /eu/fr@1 (region): site may not block"
                + " (rules.decisionRights.site allows [quarantine, update-firmware]); equal ranks: quorum of 2"
                + " (policy /eu/fr@1 (region))", "/eu/fr@1", EqualRankRule.QUORUM, 2);
        assertEquals("ruled", records.get(0).result().code(), records.get(0).result().text());
        assertEquals("arbitration/dev-1", records.get(1).address());
        assertEquals("settle", records.get(1).command());
        SettleRecorder.Message settle = ledger.arbitration("dev-1").messages().get(0);
        assertEquals(new SettleRecorder.Message("policy/_", "settle",
                ContractJson.writeString(decision.ruled(ruling))), settle);
        assertEquals(decision.ruled(ruling), ContractJson.readTrusted(settle.payload().getBytes(StandardCharsets.UTF_8),
                AgentDecision.class));
    }

    @Test
    void withoutAPolicyOverTheDeviceTheRulingIsThePolicyFreeOne() {
        AgentDecision decision = decision("dev-1", Rank.SITE, "/eu/fr/lyon/ward-3");
        ledger.forward(SITE_LYON, "registry/dev-1", "vet-decision", decision);
        assertEquals(ContractJson.writeString(decision.ruled(PolicyRuling.withoutPolicy(BLOCK))),
                ledger.arbitration("dev-1").messages().get(0).payload());
    }

    @Test
    void anIllegitimateDecisionIsStillRuledAndRelayed() {
        ledger.committed(ROOT, Policies.at("/", 1).rights(Rank.SITE, BLOCK));
        AgentDecision decision = decision("dev-1", Rank.SITE, "/eu/fr/lyon/ward-3")
                .refused("device /eu/fr/lyon/ward-3 is not within the agent's jurisdiction");
        ledger.forward(SITE_LYON, "registry/dev-1", "vet-decision", decision);
        AgentDecision settled = ContractJson.readTrusted(ledger.arbitration("dev-1").messages().get(0).payload()
                .getBytes(StandardCharsets.UTF_8), AgentDecision.class);
        assertEquals(decision.illegitimate(), settled.illegitimate());
        assertEquals(new PolicyRuling(true, "policy /@1 (root): site may block; equal ranks: first-committed (no policy"
                + " in force sets a rule for block)", "/@1", EqualRankRule.FIRST_COMMITTED, 1), settled.ruling());
    }

    @Test
    void aDecisionWithoutADevicePlaceIsRelayedAsIllegitimate() {
        ledger.forward(SITE_LYON, "registry/dev-1", "vet-decision", decision("dev-1", Rank.SITE, null));
        AgentDecision settled = ContractJson.readTrusted(ledger.arbitration("dev-1").messages().get(0).payload()
                .getBytes(StandardCharsets.UTF_8), AgentDecision.class);
        assertEquals("the registry gave no place for device dev-1", settled.illegitimate());
        assertEquals(new PolicyRuling(false, "the device has no known place in the hierarchy, so no policy can allow"
                + " block", null, EqualRankRule.FIRST_COMMITTED, 1), settled.ruling());
    }

    @Test
    void vetDecisionIsAcceptedFromTheRegistryInstanceOfTheDeviceOnly() {
        AgentDecision decision = decision("dev-1", Rank.SITE, "/eu/fr/lyon/ward-3");
        expectRefused(ledger.forward(SITE_LYON, "registry/dev-2", "vet-decision", decision).get(0).result(),
                "not-authorised", "policy.vet-decision for device dev-1 is accepted from registry/dev-1 only, not"
                        + " from registry/dev-2");
        expectRefused(ledger.forward(SITE_LYON, "impostor/dev-1", "vet-decision", decision).get(0).result(),
                "not-authorised", "policy.vet-decision for device dev-1 is accepted from registry/dev-1 only, not"
                        + " from impostor/dev-1");
        expectRefused(ledger.block(SITE_LYON, "policy", "vet-decision", decision).forTransaction(0).result(),
                "not-authorised", "policy.vet-decision is accepted from the registry instance of the decision's"
                        + " device only, not from a transaction");
        assertEquals(List.of(), ledger.arbitration("dev-1").messages());
    }
}
