package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** May a device connect now: the three answers of the seed paper ("legitimating, rejecting or blocking devices"). */
public enum Verdict {
    /** It may connect. */
    ADMITTED("admitted"),
    /** It may not connect: it is not (or no longer, or not yet) in service. */
    REJECTED("rejected"),
    /**
     * It may not connect and someone decided so: declared stolen, or blocked by an agent or its owner. A gateway
     * that sees it should close its session and report it, not merely turn it away.
     */
    BLOCKED("blocked");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name, never a position (see {@link WireNames}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Verdict fromWireName(String wireName) {
        return WireNames.parse(values(), Verdict::wireName, wireName, "verdict");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
