package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/**
 * The arbitration contract changed the device's hold to {@code hold}: laid a block or a quarantine, or lifted it
 * ({@link DeviceHold#OPEN}). The entry records the winning agent as declarer, with role {@code arbitration}, and
 * declaration {@code blocked} (for a block or a quarantine) or {@code released} (for open).
 */
public record ArbitrationEnacted(HistoryEntry entry, DeviceHold hold, String reason) implements DeviceEvent {

    public ArbitrationEnacted {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(reason, "reason");
    }
}
