package org.fogledger.ledger.contract.authority;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The ranks of agents, highest first: a root operator (fixed at genesis), a region, a site (a gateway), a device.
 * An agent delegates only strictly lower ranks, so a valid chain holds at most one link per rank.
 */
public enum Rank {
    ROOT("root"),
    REGION("region"),
    SITE("site"),
    DEVICE("device");

    private final String wireName;

    Rank(String wireName) {
        this.wireName = wireName;
    }

    /** Whether this rank is strictly lower than {@code other} (device is below site, below region, below root). */
    public boolean isBelow(Rank other) {
        return ordinal() > other.ordinal();
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name only, never a position: {@code {"rank": 1}} is refused. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Rank fromWireName(String wireName) {
        for (Rank rank : values()) {
            if (rank.wireName.equals(wireName)) {
                return rank;
            }
        }
        throw new IllegalArgumentException("unknown rank '" + wireName + "'; ranks: root, region, site, device");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
