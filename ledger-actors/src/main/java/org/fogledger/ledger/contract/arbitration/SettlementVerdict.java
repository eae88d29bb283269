package org.fogledger.ledger.contract.arbitration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the arbitration made of one decision. */
public enum SettlementVerdict {
    /** It stands; it overturned nothing (nothing standing conflicted with it). */
    STANDS("stands"),
    /** It stands and overturned the conflicting decisions that stood (lower rank, or equal rank by quorum). */
    WON("won"),
    /** A quorum-ruled decision waiting for more agents (or for a higher-ranked conflicting decision to go). */
    PENDING("pending"),
    /** It lost against a standing decision (higher rank, or equal rank committed first); nothing it decided holds. */
    LOST("lost"),
    /** It was illegitimate or not allowed by the policy; it never touches the standing state. */
    REJECTED("rejected");

    private final String wireName;

    SettlementVerdict(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SettlementVerdict fromWireName(String wireName) {
        for (SettlementVerdict verdict : values()) {
            if (verdict.wireName.equals(wireName)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + wireName
                + "'; verdicts: stands, won, pending, lost, rejected");
    }

    /** Whether the decision is in force after its settlement. */
    public boolean stands() {
        return this == STANDS || this == WON;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
