package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/** The block in force was lifted. */
public record DeviceReleased(HistoryEntry entry) implements DeviceEvent {

    public DeviceReleased {
        Objects.requireNonNull(entry, "entry");
    }
}
