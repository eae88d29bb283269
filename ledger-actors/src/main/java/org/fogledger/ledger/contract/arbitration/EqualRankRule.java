package org.fogledger.ledger.contract.arbitration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the arbitration contract settles conflicting decisions of agents of equal rank, as the policy in scope names it. */
public enum EqualRankRule {
    /** The decision committed first stands; a later conflicting one of the same rank loses. */
    FIRST_COMMITTED("first-committed"),
    /** The action takes effect only once k distinct agents of that rank have decided it (for drastic actions). */
    QUORUM("quorum");

    private final String wireName;

    EqualRankRule(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EqualRankRule fromWireName(String wireName) {
        for (EqualRankRule rule : values()) {
            if (rule.wireName.equals(wireName)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown equal-rank rule '" + wireName
                + "'; rules: first-committed, quorum");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
