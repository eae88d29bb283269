package org.fogledger.ledger.contract.arbitration;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A decision in force on the device.
 *
 * @param decision       the decision (for one carried by a quorum, the vote that completed it)
 * @param rank           the rank it stands with: the deciding agent's, or for a quorum the rank at which the
 *                       quorum was met (its lowest member counted)
 * @param deciders       the agents who decided it: one, or the quorum's members
 * @param settledHeight  the height at which it was settled
 * @param settledIndex   the execution index of that settlement in its block
 */
public record Standing(AgentDecision decision, Rank rank, List<PublicKey> deciders, long settledHeight,
                       int settledIndex) {

    public Standing {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rank, "rank");
        deciders = List.copyOf(deciders);
    }

    /** The key of a standing decision: one per agent and action (an agent's later decision replaces its own). */
    public static String key(DecisionAction action, PublicKey agent) {
        return action.wireName() + "/" + ContractJson.hex(agent);
    }

    public String key() {
        return key(decision.action(), decision.agent());
    }

    public DecisionAction action() {
        return decision.action();
    }

    /** {@code block by site 01ab… (height 12 index 1)}, with the quorum's size when more than one agent decided. */
    public String describe() {
        return Arbitration.describe(decision) + (deciders.size() > 1 ? ", with a quorum of " + deciders.size()
                + " agents at rank " + rank + " or higher" : "");
    }
}
