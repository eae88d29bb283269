package org.fogledger.agents.agent;

import org.fogledger.ledger.contract.authority.Rank;

/**
 * The agent's authority as the ledger's {@code authority} query last answered it.
 *
 * @param confirmed    whether the ledger has been asked at all (false: never read yet)
 * @param valid        whether the agent holds a valid chain of delegations
 * @param rank         the rank of its own link (wire name), when valid
 * @param jurisdiction the jurisdiction of its own link, when valid
 * @param reason       why it holds none, when not valid
 * @param readAtHeight the block height the answering validator had executed
 */
public record DelegationStatus(boolean confirmed, boolean valid, String rank, String jurisdiction, String reason,
                               long readAtHeight) {
    public static final DelegationStatus UNCONFIRMED = new DelegationStatus(false, false, null, null,
            "not read from the ledger yet", 0);

    public static DelegationStatus valid(Rank rank, String jurisdiction, long height) {
        return new DelegationStatus(true, true, rank.wireName(), jurisdiction, null, height);
    }

    public static DelegationStatus none(String reason, long height) {
        return new DelegationStatus(true, false, null, null, reason, height);
    }

    public String describe() {
        if (!confirmed) {
            return "unconfirmed";
        }
        return valid ? rank + " over " + jurisdiction + " (read at height " + readAtHeight + ")"
                : "none: " + reason + " (read at height " + readAtHeight + ")";
    }
}
