package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.contract.authority.Rank;

/** Names one issued version of a policy, as refusals and rulings write it: {@code /eu/fr@3 (region)}. */
public record PolicyRef(String scope, long version, Rank rank) {

    /** {@code scope@version}, the form a {@code PolicyRuling} names its deciding policy by. */
    public String scopeAtVersion() {
        return scope + "@" + version;
    }

    @Override
    public String toString() {
        return scope + "@" + version + " (" + rank + ")";
    }
}
