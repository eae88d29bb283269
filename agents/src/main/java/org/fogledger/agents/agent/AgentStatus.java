package org.fogledger.agents.agent;

import java.util.List;
import org.fogledger.ledger.wire.WireMessage;

/**
 * What a ranked agent answers about itself: who it is, where it runs now, its authority as last read from the
 * ledger, and what it has done.
 *
 * @param hostedAt        the address of the node running the agent now (it moves when a node dies)
 * @param decisionsMade   decisions signed and submitted, ever
 * @param delegationsMade delegations signed and submitted, ever
 * @param lastOutcome     what became of the last transaction answered, or empty
 * @param lastEvent       the last event persisted, described; empty before the first
 * @param recentDecisions the latest decisions, oldest first, described
 */
public record AgentStatus(String agentId, String rank, String jurisdiction, String keyHex, String hostedAt,
                          boolean delegationValid, String delegation, long nextNonce, int decisionsMade,
                          int delegationsMade, String lastOutcome, String lastEvent, List<String> recentDecisions)
        implements WireMessage {

    public AgentStatus {
        recentDecisions = List.copyOf(recentDecisions);
    }

    /** One line for logs and the control channel. */
    public String describe() {
        return "agent " + agentId + " (" + rank + " over " + jurisdiction + ") at " + hostedAt + ": delegation "
                + delegation + "; decisions " + decisionsMade + ", delegations " + delegationsMade + ", next nonce "
                + nextNonce + "; last outcome: " + (lastOutcome.isEmpty() ? "none" : lastOutcome)
                + "; last event: " + (lastEvent.isEmpty() ? "none" : lastEvent);
    }
}
