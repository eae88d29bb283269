package org.fogledger.agents.agent;

import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.contract.arbitration.AgentDecision;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.Settlement;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Picks an agent's own settlements out of the arbitration's {@code outcomes}: plain Java, so the actor only asks
 * and records. A decision is named by its agent and the position of its transaction (the receipt's height and
 * index), which the authority copies into the {@link AgentDecision} it relays; the settlement runs in the same block,
 * so it is in the outcomes as soon as the receipt is.
 */
public final class OwnSettlements {
    private OwnSettlements() {
    }

    /** The settlement of the decision {@code agent} submitted in the transaction at {@code height}/{@code index}. */
    public static Optional<Settlement> of(List<Settlement> outcomes, PublicKey agent, long height, int index) {
        return outcomes.stream().filter(settlement -> same(settlement.decision(), agent, height, index)).findFirst();
    }

    /**
     * What became of a pending vote ({@code action} by {@code agent} in the transaction at
     * {@code height}/{@code index}, settled as {@code pending}) after its own settlement: carried, when a later
     * settlement stands by a quorum whose deciders include the agent for that action; withdrawn, when the agent's
     * later decision replaced the vote; empty while it still waits.
     */
    public static Optional<DecisionSettlement> followUp(List<Settlement> outcomes, PublicKey agent,
                                                        DecisionAction action, long height, int index,
                                                        DecisionSettlement pending) {
        for (Settlement later : outcomes) {
            if (!after(later, pending.height(), pending.index())) {
                continue;
            }
            if (later.stands() != null && later.stands().byQuorum() && later.stands().action() == action
                    && later.stands().deciders().contains(agent)) {
                return Optional.of(DecisionSettlement.carried(later));
            }
            if (later.withdrawnVotes().stream().anyMatch(vote -> same(vote, agent, height, index))) {
                return Optional.of(DecisionSettlement.withdrawn(later));
            }
        }
        return Optional.empty();
    }

    private static boolean same(AgentDecision decision, PublicKey agent, long height, int index) {
        return decision.agent().equals(agent) && decision.height() == height && decision.index() == index;
    }

    private static boolean after(Settlement settlement, long height, int index) {
        return settlement.height() > height || (settlement.height() == height && settlement.index() > index);
    }
}
