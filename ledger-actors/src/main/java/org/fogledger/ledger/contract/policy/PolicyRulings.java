package org.fogledger.ledger.contract.policy;

import java.util.List;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.EqualRankRule;
import org.fogledger.ledger.contract.arbitration.PolicyRuling;
import org.fogledger.ledger.contract.authority.Rank;

/**
 * What the policies in force over a device say about one decision: whether the agent's rank may take the action
 * there, and how a conflict with an equal-rank agent is settled.
 *
 * <p>The deciding policy is the first document (highest rank first, then widest scope) whose decision rights for
 * the rank leave the action out; when none does, the first document that lists the action for the rank, or
 * failing that the first document in force. Deny overrides: one document that leaves the action out is enough.
 */
public final class PolicyRulings {

    private PolicyRulings() {
    }

    public static PolicyRuling rule(List<IssuedPolicy> inForce, Rank rank, DecisionAction action, String path,
                                    StepMeter meter) {
        if (inForce.isEmpty()) {
            return PolicyRuling.withoutPolicy(action);
        }
        IssuedPolicy denying = null;
        IssuedPolicy granting = null;
        for (IssuedPolicy policy : inForce) {
            meter.charge();
            if (policy.document().rules().decisionRights() == null) {
                continue;
            }
            List<DecisionAction> actions = policy.document().rules().decisionRights().get(rank.wireName());
            if (actions == null) {
                continue;
            }
            if (!actions.contains(action)) {
                denying = policy;
                break;
            }
            if (granting == null) {
                granting = policy;
            }
        }
        EffectivePolicy effective = EffectivePolicies.meet(path, inForce, meter);
        Sourced<EqualRankArbitration> equal = effective.equalRanks().get(action.wireName());
        EqualRankRule equalRule = equal == null ? EqualRankRule.FIRST_COMMITTED : equal.value().rule();
        int quorum = equal == null ? 1 : equal.value().quorum();
        String equalReason = equal == null ? "; equal ranks: first-committed (no policy in force sets a rule for "
                + action + ")" : "; equal ranks: " + equal.value() + " (policy " + equal.setBy().get(0) + ")";
        if (denying != null) {
            return new PolicyRuling(false, "policy " + denying.ref() + ": " + rank + " may not " + action
                    + " (rules.decisionRights." + rank + " allows "
                    + PolicyConsistency.join(denying.document().rules().decisionRights().get(rank.wireName()))
                    + ")" + equalReason, denying.ref().scopeAtVersion(), equalRule, quorum);
        }
        if (granting != null) {
            return new PolicyRuling(true, "policy " + granting.ref() + ": " + rank + " may " + action + equalReason,
                    granting.ref().scopeAtVersion(), equalRule, quorum);
        }
        IssuedPolicy first = inForce.get(0);
        return new PolicyRuling(true, "policies in force over " + path + " do not restrict the decisions of "
                + rank + " (first: " + first.ref() + ")" + equalReason, first.ref().scopeAtVersion(), equalRule,
                quorum);
    }
}
