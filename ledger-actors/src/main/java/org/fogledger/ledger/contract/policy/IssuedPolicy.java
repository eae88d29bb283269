package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A policy document as committed: the (canonical) document, the rank and jurisdiction its issuer held by its
 * delegation chain, and where on the ledger it was committed.
 */
public record IssuedPolicy(PolicyDocument document, Rank rank, PublicKey issuer, String jurisdiction, long height,
                           int index, long blockTimeMillis) {

    public PolicyRef ref() {
        return document.ref(rank);
    }
}
