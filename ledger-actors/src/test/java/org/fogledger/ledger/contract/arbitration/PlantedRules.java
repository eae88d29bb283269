package org.fogledger.ledger.contract.arbitration;

import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.authority.Rank;

/** Deliberately broken arbitration rules, to show the conflict matrix and the scenarios catch them. */
final class PlantedRules {
    private PlantedRules() {
    }

    /**
     * Ignores rank: the new decision is treated as if it had the rank of the highest-ranked conflicting decision
     * standing, so every conflict is settled as between equals.
     */
    static final SettlementRules IGNORES_RANK = (state, decision, height, index) -> {
        Rank rank = null;
        for (Standing standing : state.standing().values()) {
            if (Conflicts.conflict(standing.action(), decision.action())
                    && (rank == null || rank.isBelow(standing.rank()))) {
                rank = standing.rank();
            }
        }
        AgentDecision equalised = rank == null ? decision : new AgentDecision(decision.deviceId(), decision.agent(),
                rank, decision.jurisdiction(), decision.action(), decision.note(), decision.height(),
                decision.index(), decision.devicePath(), decision.illegitimate(), decision.ruling());
        return Arbitration.INSTANCE.settle(state, equalised, height, index);
    };

    /**
     * Counts the same agent twice for a quorum: an agent that already voted for the action votes again under a
     * fresh key, as a tally keyed by vote rather than by agent would count it.
     */
    static final SettlementRules COUNTS_SAME_AGENT_TWICE = (state, decision, height, index) -> {
        AgentDecision counted = decision;
        if (state.votes(decision.action()).containsKey(ContractJson.hex(decision.agent()))) {
            counted = new AgentDecision(decision.deviceId(), Decisions.agent("again-" + height), decision.rank(),
                    decision.jurisdiction(), decision.action(), decision.note(), decision.height(), decision.index(),
                    decision.devicePath(), decision.illegitimate(), decision.ruling());
        }
        return Arbitration.INSTANCE.settle(state, counted, height, index);
    };
}
