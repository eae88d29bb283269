package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the arbitration contract has settled for a device's connections: nothing held, blocked, or quarantined. The
 * registry keeps it apart from the block declared by an owner, an administrator or an agent (see
 * {@link ArbitrationHold}).
 */
public enum DeviceHold {
    /** No hold: the device's lifecycle and declared block decide alone. */
    OPEN("open"),
    /** Every connection refused until the arbitration lifts it. */
    BLOCKED("blocked"),
    /** Kept apart (no data to third parties, no commands) until the arbitration lifts it; a gateway refuses it too. */
    QUARANTINED("quarantined");

    private final String wireName;

    DeviceHold(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name, never a position (see {@link WireNames}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeviceHold fromWireName(String wireName) {
        return WireNames.parse(values(), DeviceHold::wireName, wireName, "hold");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
