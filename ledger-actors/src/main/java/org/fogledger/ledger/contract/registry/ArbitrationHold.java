package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/**
 * The hold the arbitration contract enacted on a device, kept apart from the declared block
 * ({@link RegisteredDevice#block()}): a declared block belongs to whoever declared it and is released under
 * {@link DeclarationRights}; an arbitration hold is laid and lifted by {@code arbitration/<deviceId>} only, so neither
 * can lift the other.
 *
 * @param hold   blocked or quarantined (never open: an open hold is no hold, null in the device record)
 * @param entry  the history entry of the enactment: role {@code arbitration}, the winning agent as declarer
 * @param reason the arbitration's reason, as it settled it
 */
public record ArbitrationHold(DeviceHold hold, HistoryEntry entry, String reason) {

    public ArbitrationHold {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(reason, "reason");
        if (hold == DeviceHold.OPEN) {
            throw new IllegalArgumentException("an arbitration hold is blocked or quarantined, not open");
        }
    }

    /** {@code quarantined by arbitration at height 7 index 2, deciding agent 01ab…: <the arbitration's reason>}. */
    public String describe() {
        return hold + " by arbitration at height " + entry.height() + " index " + entry.index() + ", deciding agent "
                + org.fogledger.ledger.contract.ContractJson.hex(entry.declarer()) + ": " + reason;
    }
}
