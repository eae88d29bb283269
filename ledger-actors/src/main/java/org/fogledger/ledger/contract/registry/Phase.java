package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a registered device is in its life. Each phase is the state a {@link Declaration} leads to (see
 * {@link Transitions}); the comment names the closest GS1 CBV 2.0 disposition
 * ({@code https://ref.gs1.org/cbv/Disp-...}), so an EPCIS export of the history can say what it means.
 *
 * <p>A block is not a phase: it is a hold laid over any phase ({@link RegisteredDevice#block()}), so that a device
 * that is moved, resold, stolen or recovered while blocked stays blocked until the block is released.
 */
public enum Phase {
    /** Known to the ledger, identity not yet commissioned. CBV {@code encoded}. */
    REGISTERED("registered"),
    /** Identity provisioned by its maker or owner. CBV {@code active}. */
    COMMISSIONED("commissioned"),
    /** Between two sites. CBV {@code in_transit}. */
    IN_TRANSIT("in-transit"),
    /** At its destination, not yet in service. CBV {@code in_progress}. */
    RECEIVED("received"),
    /** In storage. CBV {@code in_progress} (CBV has no "stored" disposition; {@code storing} is the step). */
    STORED("stored"),
    /** Installed and in service for its owner. CBV {@code available} ("returned to service"). */
    OPERATIONAL("operational"),
    /** In service and open to the public (the seed paper's "public access"). No CBV equivalent: an extension. */
    PUBLIC_ACCESS("public-access"),
    /** Ownership just changed; the new owner has not yet moved or installed it. CBV {@code retail_sold}. */
    SOLD("sold"),
    /** Declared stolen by its owner. CBV {@code stolen}. */
    STOLEN("stolen"),
    /** Out of support: never admitted again. CBV {@code expired} (closest; CBV has no obsolescence value). */
    OBSOLETE("obsolete"),
    /** Identity retired for good. CBV {@code inactive} (with CBV's {@code decommissioning} step). */
    DECOMMISSIONED("decommissioned"),
    /** Physically destroyed; terminal. CBV {@code destroyed}. */
    DESTROYED("destroyed");

    private final String wireName;

    Phase(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON, in reasons and in the documentation. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads the wire name, never a position (see {@link WireNames}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Phase fromWireName(String wireName) {
        return WireNames.parse(values(), Phase::wireName, wireName, "phase");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
