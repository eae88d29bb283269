package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.crypto.PublicKey;

/** One committed version of a (scope, rank) policy, as its history lists it. */
public record PolicyVersion(long version, PublicKey issuer, long height, int index, long blockTimeMillis) {

    static PolicyVersion of(IssuedPolicy policy) {
        return new PolicyVersion(policy.document().version(), policy.issuer(), policy.height(), policy.index(),
                policy.blockTimeMillis());
    }
}
