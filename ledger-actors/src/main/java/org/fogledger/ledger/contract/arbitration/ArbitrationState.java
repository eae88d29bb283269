package org.fogledger.ledger.contract.arbitration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.registry.DeviceHold;

/**
 * The state of {@code arbitration/<deviceId>}: the decisions in force (pairwise non-conflicting, by
 * {@link Standing#key}), the pending quorum tallies (by action), the last {@value #HISTORY_LIMIT} settlements for
 * agents to read, and how many were settled in all.
 */
public record ArbitrationState(String deviceId, SortedMap<String, Standing> standing,
                               SortedMap<String, QuorumTally> pending, List<Settlement> history, long settledCount) {

    public static final int HISTORY_LIMIT = 64;

    public ArbitrationState {
        Objects.requireNonNull(deviceId, "deviceId");
        standing = Collections.unmodifiableSortedMap(new TreeMap<>(standing));
        pending = Collections.unmodifiableSortedMap(new TreeMap<>(pending));
        history = List.copyOf(history);
    }

    public static ArbitrationState empty(String deviceId) {
        return new ArbitrationState(deviceId, new TreeMap<>(), new TreeMap<>(), List.of(), 0);
    }

    /** The hold the standing decisions put on the device: a standing block, a standing quarantine, or open. */
    public DeviceHold hold() {
        return holdOf(standing);
    }

    static DeviceHold holdOf(SortedMap<String, Standing> standing) {
        DeviceHold hold = DeviceHold.OPEN;
        for (Standing decision : standing.values()) {
            if (decision.action() == DecisionAction.BLOCK) {
                return DeviceHold.BLOCKED;
            }
            if (decision.action() == DecisionAction.QUARANTINE) {
                hold = DeviceHold.QUARANTINED;
            }
        }
        return hold;
    }

    /** The pending votes for {@code action}, none if no tally is open. */
    public SortedMap<String, AgentDecision> votes(DecisionAction action) {
        QuorumTally tally = pending.get(action.wireName());
        return tally == null ? new TreeMap<>() : tally.votes();
    }

    /** The state after {@code settlement}: what the contract's {@code apply} does, total and deterministic. */
    public ArbitrationState after(Settlement settlement) {
        TreeMap<String, Standing> nextStanding = new TreeMap<>(standing);
        TreeMap<String, QuorumTally> nextPending = new TreeMap<>(pending);
        if (settlement.verdict() != SettlementVerdict.REJECTED) {
            for (Standing replaced : settlement.withdrawn()) {
                nextStanding.remove(replaced.key());
            }
            for (Standing lost : settlement.overturned()) {
                nextStanding.remove(lost.key());
            }
            for (AgentDecision vote : settlement.withdrawnVotes()) {
                changeTally(nextPending, vote.action(), ContractJson.hex(vote.agent()), null);
            }
            AgentDecision decision = settlement.decision();
            if (settlement.verdict() == SettlementVerdict.PENDING) {
                changeTally(nextPending, decision.action(), ContractJson.hex(decision.agent()), decision);
            }
            if (settlement.stands() != null) {
                nextStanding.put(settlement.stands().key(), settlement.stands());
                if (Arbitration.QUORUM_MET.equals(settlement.code())) {
                    nextPending.remove(decision.action().wireName());
                }
            }
        }
        List<Settlement> nextHistory = new ArrayList<>(Math.min(history.size() + 1, HISTORY_LIMIT));
        nextHistory.addAll(history.subList(Math.max(0, history.size() + 1 - HISTORY_LIMIT), history.size()));
        nextHistory.add(settlement);
        return new ArbitrationState(deviceId, nextStanding, nextPending, nextHistory, settledCount + 1);
    }

    private static void changeTally(TreeMap<String, QuorumTally> pending, DecisionAction action, String agent,
                                    AgentDecision vote) {
        TreeMap<String, AgentDecision> votes = new TreeMap<>();
        QuorumTally tally = pending.get(action.wireName());
        if (tally != null) {
            votes.putAll(tally.votes());
        }
        if (vote == null) {
            votes.remove(agent);
        } else {
            votes.put(agent, vote);
        }
        if (votes.isEmpty()) {
            pending.remove(action.wireName());
        } else {
            pending.put(action.wireName(), new QuorumTally(action, votes));
        }
    }
}
