package org.fogledger.agents.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.contract.arbitration.AgentDecision;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.arbitration.PolicyRuling;
import org.fogledger.ledger.contract.arbitration.Settlement;
import org.fogledger.ledger.contract.arbitration.SettlementVerdict;
import org.fogledger.ledger.contract.arbitration.Standing;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DeviceHold;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** Which of the arbitration's outcomes is an agent's own, and what became of its pending vote. */
class OwnSettlementsTest {
    private static final PublicKey SITE_A = RankedAgentTest.key("own-site-a").publicKey();
    private static final PublicKey SITE_B = RankedAgentTest.key("own-site-b").publicKey();
    private static final PolicyRuling QUORUM_2 = new PolicyRuling(true, "quorum of 2", "/eu@1",
            EqualRankRule.QUORUM, 2);

    private static AgentDecision decision(PublicKey agent, DecisionAction action, long height, int index) {
        return new AgentDecision("dev-1", agent, Rank.SITE, "/eu/fr", action, null, height, index, "/eu/fr/a", null,
                QUORUM_2);
    }

    private static Settlement pending(AgentDecision vote, int index) {
        return new Settlement(vote, SettlementVerdict.PENDING, "quorum-pending", "1 of 2", null, List.of(),
                List.of(), List.of(), DeviceHold.OPEN, DeviceHold.OPEN, vote.height(), index);
    }

    private static Settlement carried(AgentDecision completing, List<PublicKey> deciders, int index) {
        Standing standing = new Standing(completing, Rank.SITE, deciders, completing.height(), index);
        return new Settlement(completing, SettlementVerdict.STANDS, "quorum-met", "carried", standing, List.of(),
                List.of(), List.of(), DeviceHold.OPEN, DeviceHold.BLOCKED, completing.height(), index);
    }

    @Test
    void theAgentsOwnSettlementIsTheOneOfItsKeyAtTheReceiptsPosition() {
        AgentDecision other = decision(SITE_B, DecisionAction.BLOCK, 5, 0);
        AgentDecision mine = decision(SITE_A, DecisionAction.BLOCK, 5, 1);
        AgentDecision mineEarlier = decision(SITE_A, DecisionAction.BLOCK, 4, 1);
        AgentDecision mineBeforeInTheBlock = decision(SITE_A, DecisionAction.QUARANTINE, 5, 0);
        List<Settlement> outcomes = List.of(pending(mineEarlier, 3), pending(mineBeforeInTheBlock, 2),
                pending(other, 2), pending(mine, 3));

        Optional<Settlement> own = OwnSettlements.of(outcomes, SITE_A, 5, 1);

        assertEquals(mine, own.orElseThrow().decision());
        assertEquals(Optional.empty(), OwnSettlements.of(outcomes, SITE_A, 6, 0), "not settled yet: not there");
    }

    @Test
    void aPendingVoteIsCarriedWhenALaterQuorumNamesTheAgentAmongItsDeciders() {
        AgentDecision mine = decision(SITE_A, DecisionAction.BLOCK, 5, 0);
        AgentDecision theirs = decision(SITE_B, DecisionAction.BLOCK, 7, 0);
        Settlement minePending = pending(mine, 1);
        DecisionSettlement recorded = DecisionSettlement.of(minePending);
        assertTrue(recorded.open());

        Optional<DecisionSettlement> still = OwnSettlements.followUp(List.of(minePending), SITE_A,
                DecisionAction.BLOCK, 5, 0, recorded);
        Optional<DecisionSettlement> after = OwnSettlements.followUp(List.of(minePending,
                carried(theirs, List.of(SITE_A, SITE_B), 1)), SITE_A, DecisionAction.BLOCK, 5, 0, recorded);

        assertEquals(Optional.empty(), still);
        DecisionSettlement carried = after.orElseThrow();
        assertEquals(DecisionSettlement.CARRIED, carried.verdict());
        assertEquals("quorum-met", carried.code());
        assertEquals(7, carried.height());
        assertTrue(!carried.open());
    }

    @Test
    void aQuorumOfOthersOrForAnotherActionDoesNotCarryTheVote() {
        AgentDecision mine = decision(SITE_A, DecisionAction.BLOCK, 5, 0);
        PublicKey siteC = RankedAgentTest.key("own-site-c").publicKey();
        DecisionSettlement recorded = DecisionSettlement.of(pending(mine, 1));
        Settlement othersBlock = carried(decision(SITE_B, DecisionAction.BLOCK, 7, 0), List.of(SITE_B, siteC), 1);
        Settlement quarantine = carried(decision(SITE_B, DecisionAction.QUARANTINE, 8, 0), List.of(SITE_A, SITE_B),
                1);

        assertEquals(Optional.empty(), OwnSettlements.followUp(List.of(othersBlock, quarantine), SITE_A,
                DecisionAction.BLOCK, 5, 0, recorded));
    }

    @Test
    void aVoteReplacedByTheAgentsLaterDecisionIsWithdrawn() {
        AgentDecision vote = decision(SITE_A, DecisionAction.BLOCK, 5, 0);
        AgentDecision release = decision(SITE_A, DecisionAction.RELEASE, 6, 0);
        DecisionSettlement recorded = DecisionSettlement.of(pending(vote, 1));
        Settlement replacing = new Settlement(release, SettlementVerdict.STANDS, "no-conflict", "nothing conflicts",
                new Standing(release, Rank.SITE, List.of(SITE_A), 6, 1), List.of(), List.of(), List.of(vote),
                DeviceHold.OPEN, DeviceHold.OPEN, 6, 1);

        DecisionSettlement withdrawn = OwnSettlements.followUp(List.of(replacing), SITE_A, DecisionAction.BLOCK, 5, 0,
                recorded).orElseThrow();

        assertEquals(DecisionSettlement.WITHDRAWN, withdrawn.verdict());
        assertTrue(withdrawn.reason().startsWith("vote withdrawn by the agent's later decision"), withdrawn.reason());
    }
}
