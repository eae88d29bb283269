package org.fogledger.ledger.contract.arbitration;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pending votes for one quorum-ruled action on the device: each agent's latest vote, by the agent key's hex, so
 * an agent deciding twice counts once.
 */
public record QuorumTally(DecisionAction action, SortedMap<String, AgentDecision> votes) {

    public QuorumTally {
        Objects.requireNonNull(action, "action");
        votes = Collections.unmodifiableSortedMap(new TreeMap<>(votes));
    }
}
