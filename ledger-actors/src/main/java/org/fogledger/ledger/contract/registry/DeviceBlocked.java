package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/** A block was laid over the device's lifecycle; it stays until released, whatever the device goes through. */
public record DeviceBlocked(HistoryEntry entry) implements DeviceEvent {

    public DeviceBlocked {
        Objects.requireNonNull(entry, "entry");
    }
}
