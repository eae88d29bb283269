package org.fogledger.ledger.contract.policy;

import java.util.List;

/**
 * The policy of one (scope, issuing rank): its newest committed version, which is the one in force, and the
 * versions committed so far (the last {@value PolicyLimits#MAX_HISTORY}), oldest first.
 */
public record PolicySlot(IssuedPolicy newest, List<PolicyVersion> history) {

    public PolicySlot {
        history = List.copyOf(history);
    }

    PolicySlot next(IssuedPolicy policy) {
        java.util.ArrayList<PolicyVersion> versions = new java.util.ArrayList<>(history);
        versions.add(PolicyVersion.of(policy));
        while (versions.size() > PolicyLimits.MAX_HISTORY) {
            versions.remove(0);
        }
        return new PolicySlot(policy, versions);
    }
}
