package org.fogledger.ledger.contract.authority;

import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One link of authority: {@code delegator} gave {@code agent} rank {@code rank} over {@code jurisdiction}. A root
 * operator's own link has no delegator and is fixed at genesis (height 0).
 *
 * @param expiresAtMillis the first block time at which the link no longer holds; null: until revoked
 * @param revokedAtHeight the height of the revocation; null while not revoked
 * @param revokedBy       who revoked it; null while not revoked
 */
public record Delegation(PublicKey agent, PublicKey delegator, Rank rank, String jurisdiction, Long expiresAtMillis,
                         long height, int index, Long revokedAtHeight, PublicKey revokedBy) {

    static Delegation root(PublicKey operator, String jurisdiction) {
        return new Delegation(operator, null, Rank.ROOT, jurisdiction, null, 0, 0, null, null);
    }

    boolean isRoot() {
        return delegator == null;
    }

    boolean isRevoked() {
        return revokedAtHeight != null;
    }

    boolean expiredAt(long blockTimeMillis) {
        return expiresAtMillis != null && blockTimeMillis >= expiresAtMillis;
    }

    Delegation revoked(long height, PublicKey by) {
        return new Delegation(agent, delegator, rank, jurisdiction, expiresAtMillis, this.height, index, height, by);
    }

    /** {@code 01ab…(region /eu/fr, from 01cd…)}, keys in full: for refusal reasons. */
    String describe() {
        return ContractJson.hex(agent) + " (" + rank + " " + jurisdiction
                + (isRoot() ? ", root from genesis" : ", from " + ContractJson.hex(delegator) + " at height " + height)
                + ")";
    }
}
