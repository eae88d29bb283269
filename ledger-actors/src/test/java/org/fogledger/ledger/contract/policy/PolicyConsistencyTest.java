package org.fogledger.ledger.contract.policy;

import static org.fogledger.ledger.contract.arbitration.DecisionAction.BLOCK;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.QUARANTINE;
import static org.fogledger.ledger.contract.arbitration.DecisionAction.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.authority.Rank;
import org.junit.jupiter.api.Test;

/** A document whose rules contradict each other is refused, each clash naming both rules. */
class PolicyConsistencyTest {

    private static List<String> clashes(Policies policy) {
        return PolicyConsistency.clashes(policy.canonical().rules(), new StepMeter(10_000));
    }

    private static Policies policy() {
        return Policies.at("/eu/fr", 1);
    }

    @Test
    void aConsistentDocumentHasNoClash() {
        assertEquals(List.of(), clashes(policy().allowedPurposes("TREAT").deniedPurposes("MARKT")
                .allowedRecipients("a").deniedRecipients("b").rights(Rank.REGION, BLOCK, QUARANTINE)
                .rights(Rank.SITE, QUARANTINE).quorum(BLOCK, 3).firstCommitted(RELEASE)));
    }

    @Test
    void aPurposeOrRecipientBothAllowedAndDeniedClashes() {
        assertEquals(List.of(
                        "rules.sharing.allowedPurposes [MARKT] contradicts rules.sharing.deniedPurposes [MARKT]",
                        "rules.sharing.allowedRecipients [insurer-x] contradicts rules.sharing.deniedRecipients"
                                + " [insurer-x]"),
                clashes(policy().allowedPurposes("TREAT", "MARKT").deniedPurposes("MARKT")
                        .allowedRecipients("insurer-x", "lab").deniedRecipients("insurer-x")));
    }

    @Test
    void aQuorumOutOfBoundsClashesWithItsRule() {
        assertEquals(List.of("rules.equalRanks.block.k 0 contradicts rules.equalRanks.block.rule quorum, which needs"
                + " 1 to 16 agents"), clashes(policy().quorum(BLOCK, 0)));
        assertEquals(List.of("rules.equalRanks.block.k 17 contradicts rules.equalRanks.block.rule quorum, which"
                + " needs 1 to 16 agents"), clashes(policy().quorum(BLOCK, 17)));
    }

    @Test
    void aKWithFirstCommittedClashes() {
        assertEquals(List.of("rules.equalRanks.release.k 3 contradicts rules.equalRanks.release.rule first-committed,"
                        + " which needs one agent"),
                clashes(policy().equalRank(RELEASE, new EqualRankArbitration(EqualRankRule.FIRST_COMMITTED, 3))));
    }

    @Test
    void aLowerRankAllowedWhatAHigherRankIsDeniedClashes() {
        assertEquals(List.of("rules.decisionRights.site allows [block], which rules.decisionRights.region denies to"
                        + " the higher rank region"),
                clashes(policy().rights(Rank.REGION, QUARANTINE).rights(Rank.SITE, BLOCK, QUARANTINE)));
    }
}
