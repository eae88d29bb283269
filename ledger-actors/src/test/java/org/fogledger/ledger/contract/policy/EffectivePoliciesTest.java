package org.fogledger.ledger.contract.policy;

import static org.fogledger.ledger.contract.arbitration.DecisionAction.BLOCK;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.QUARANTINE;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.UPDATE_FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.arbitration.PolicyRuling;
import org.fogledger.ledger.contract.authority.Rank;
import org.junit.jupiter.api.Test;

/** The effective policy at a path is the strictest of every policy in force there, each rule naming its source. */
class EffectivePoliciesTest {
    private static final IssuedPolicy ROOT = Policies.at("/", 2).firmware("2.0").telemetry(600)
            .allowedRecipients("hospital-a", "lab-b", "insurer-x").deniedPurposes("MARKT")
            .rights(Rank.SITE, QUARANTINE, UPDATE_FIRMWARE, BLOCK).quorum(BLOCK, 2).issuedBy(Rank.ROOT);
    private static final IssuedPolicy REGION = Policies.at("/eu/fr", 3).firmware("2.4.1").telemetry(900)
            .quarantineAfter(5).allowedRecipients("hospital-a", "lab-b").deniedRecipients("lab-b")
            .rights(Rank.SITE, QUARANTINE, UPDATE_FIRMWARE).quorum(BLOCK, 3).issuedBy(Rank.REGION);
    private static final IssuedPolicy SITE = Policies.at("/eu/fr/lyon", 1).quarantineAfter(8).telemetry(120)
            .quorum(BLOCK, 2).issuedBy(Rank.SITE);

    private static EffectivePolicy meet(IssuedPolicy... policies) {
        return EffectivePolicies.meet("/eu/fr/lyon/ward-3", List.of(policies), new StepMeter(10_000));
    }

    @Test
    void eachRuleIsTheStrictestAndNamesTheDocumentThatSetIt() {
        EffectivePolicy effective = meet(ROOT, REGION, SITE);
        assertEquals(List.of("/@2 (root)", "/eu/fr@3 (region)", "/eu/fr/lyon@1 (site)"), effective.policies());
        assertEquals(new Sourced<>("2.4.1", List.of("/eu/fr@3 (region)")), effective.firmwareMinimum());
        assertEquals(new Sourced<>(5, List.of("/eu/fr@3 (region)")), effective.quarantineAfterFailedAuthentications());
        assertEquals(new Sourced<>(120, List.of("/eu/fr/lyon@1 (site)")), effective.telemetryMaxPerMinute());
        // The allow-lists intersect, and a denied recipient leaves the allow-list: deny overrides.
        assertEquals(new Sourced<>(List.of("hospital-a"), List.of("/@2 (root)", "/eu/fr@3 (region)")),
                effective.allowedRecipients());
        assertEquals(new TreeMap<>(Map.of("lab-b", "/eu/fr@3 (region)")), effective.deniedRecipients());
        assertEquals(new TreeMap<>(Map.of("MARKT", "/@2 (root)")), effective.deniedPurposes());
        assertNull(effective.allowedPurposes());
        assertEquals(new Sourced<>(List.of(QUARANTINE, UPDATE_FIRMWARE), List.of("/@2 (root)", "/eu/fr@3 (region)")),
                effective.decisionRights().get("site"));
        assertEquals(new Sourced<>(new EqualRankArbitration(EqualRankRule.QUORUM, 3), List.of("/eu/fr@3 (region)")),
                effective.equalRanks().get("block"));
    }

    @Test
    void theMeetDoesNotDependOnTheOrderOfThePolicies() {
        assertEquals(meet(ROOT, REGION, SITE).asRules(), meet(SITE, ROOT, REGION).asRules());
    }

    @Test
    void nothingInForceMeansNoConstraint() {
        EffectivePolicy effective = meet();
        assertTrue(effective.coversNothing());
        assertEquals(PolicyRules.NONE, effective.asRules());
    }

    @Test
    void theRulingNamesTheFirstPolicyThatDeniesTheActionToTheRank() {
        PolicyRuling denied = PolicyRulings.rule(List.of(ROOT, REGION, SITE), Rank.SITE, BLOCK, "/eu/fr/lyon/ward-3",
                new StepMeter(10_000));
        assertFalse(denied.allowed());
        assertEquals("/eu/fr@3", denied.policy());
        assertEquals("policy /eu/fr@3 (region): site may not block (rules.decisionRights.site allows [quarantine,"
                + " update-firmware]); equal ranks: quorum of 3 (policy /eu/fr@3 (region))", denied.reason());
        assertEquals(EqualRankRule.QUORUM, denied.equalRankRule());
        assertEquals(3, denied.quorum());
    }

    @Test
    void theRulingAllowsWhatEveryPolicyGrantsOrLeavesOpen() {
        PolicyRuling granted = PolicyRulings.rule(List.of(ROOT, REGION), Rank.SITE, QUARANTINE, "/eu/fr/lyon/ward-3",
                new StepMeter(10_000));
        assertEquals(new PolicyRuling(true, "policy /@2 (root): site may quarantine; equal ranks: first-committed (no"
                + " policy in force sets a rule for quarantine)", "/@2", EqualRankRule.FIRST_COMMITTED, 1), granted);
        PolicyRuling open = PolicyRulings.rule(List.of(SITE), Rank.REGION, BLOCK, "/eu/fr/lyon/ward-3",
                new StepMeter(10_000));
        assertEquals(new PolicyRuling(true, "policies in force over /eu/fr/lyon/ward-3 do not restrict the decisions"
                + " of region (first: /eu/fr/lyon@1 (site)); equal ranks: quorum of 2 (policy /eu/fr/lyon@1 (site))",
                "/eu/fr/lyon@1", EqualRankRule.QUORUM, 2), open);
    }

    @Test
    void withoutAnyPolicyTheRulingIsThePolicyFreeOne() {
        for (DecisionAction action : DecisionAction.values()) {
            assertEquals(PolicyRuling.withoutPolicy(action), PolicyRulings.rule(List.of(), Rank.SITE, action,
                    "/eu", new StepMeter(100)));
        }
    }
}
