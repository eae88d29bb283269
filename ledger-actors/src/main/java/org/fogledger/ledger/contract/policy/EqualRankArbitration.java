package org.fogledger.ledger.contract.policy;

import org.fogledger.ledger.contract.arbitration.EqualRankRule;

/**
 * How conflicting decisions of equal-rank agents are settled for one action.
 *
 * @param rule {@code first-committed} or {@code quorum}
 * @param k    with {@code quorum}, the number of distinct agents of that rank needed (1 to
 *             {@value PolicyLimits#MAX_QUORUM}); absent (or 1) with {@code first-committed}
 */
public record EqualRankArbitration(EqualRankRule rule, Integer k) {

    public static final EqualRankArbitration FIRST_COMMITTED = new EqualRankArbitration(EqualRankRule.FIRST_COMMITTED,
            null);

    /** The number of agents the rule needs: k for a quorum, 1 for first-committed. */
    public int quorum() {
        return rule == EqualRankRule.QUORUM && k != null ? k : 1;
    }

    /**
     * Whether this rule demands at least as much as {@code other}: first-committed demands the least, then quorums
     * by k. A lower-rank policy may only make the rule stricter.
     */
    public boolean atLeastAsStrictAs(EqualRankArbitration other) {
        if (other.rule == EqualRankRule.FIRST_COMMITTED) {
            return true;
        }
        return rule == EqualRankRule.QUORUM && quorum() >= other.quorum();
    }

    @Override
    public String toString() {
        return rule == EqualRankRule.QUORUM ? "quorum of " + quorum() : rule.toString();
    }
}
