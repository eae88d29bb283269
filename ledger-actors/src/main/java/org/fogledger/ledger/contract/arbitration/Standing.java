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

    /** The key of a standing decision of one agent: one per agent and action (its later decision replaces it). */
    public static String key(DecisionAction action, PublicKey agent) {
        return action.wireName() + "/" + ContractJson.hex(agent);
    }

    /**
     * This decision's key in the state: {@link #key(DecisionAction, PublicKey)} for one agent's; for a quorum's,
     * the action and where it was settled, so that no member (not even the one whose vote completed it) holds it as
     * its own word.
     */
    public String key() {
        return byQuorum() ? decision.action().wireName() + "/quorum@" + settledHeight + "." + settledIndex
                : key(decision.action(), decision.agent());
    }

    /** Whether more than one agent decided it; such a decision is no single agent's to withdraw. */
    public boolean byQuorum() {
        return deciders.size() > 1;
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
