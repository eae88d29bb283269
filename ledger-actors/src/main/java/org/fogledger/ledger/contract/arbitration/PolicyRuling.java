package org.fogledger.ledger.contract.arbitration;

/**
 * What the policies in force over a device say about one decision: whether the deciding agent's rank may take the
 * action there, and how equal ranks are settled for it. The policy contract fills it in on the decision's way to
 * the arbitration contract.
 *
 * @param allowed       whether the policy allows the action for the agent's rank
 * @param reason        why, naming the deciding policy and rule ("policy /eu/fr@3 (region): site may not block")
 * @param policy        the deciding policy as {@code scope@version}, or null when no policy covers the device
 * @param equalRankRule how a conflict with an agent of the same rank is settled
 * @param quorum        with {@link EqualRankRule#QUORUM}, the number k of distinct agents needed (at least 1);
 *                      1 otherwise
 */
public record PolicyRuling(boolean allowed, String reason, String policy, EqualRankRule equalRankRule, int quorum) {

    public PolicyRuling {
        if (equalRankRule == null) {
            throw new IllegalArgumentException("equalRankRule is required");
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, not " + quorum);
        }
    }

    /** The ruling where no policy covers the device: every rank may act, the first committed decision stands. */
    public static PolicyRuling withoutPolicy(DecisionAction action) {
        return new PolicyRuling(true, "no policy covers the device; " + action + " is allowed to every rank", null,
                EqualRankRule.FIRST_COMMITTED, 1);
    }
}
