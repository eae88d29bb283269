package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/** The device was resold from {@code previousOwner} to {@code entry.newOwner()}, both having signed. */
public record OwnershipTransferred(HistoryEntry entry, PublicKey previousOwner, Phase phase) implements DeviceEvent {

    public OwnershipTransferred {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(entry.newOwner(), "entry.newOwner");
        Objects.requireNonNull(previousOwner, "previousOwner");
        Objects.requireNonNull(phase, "phase");
    }
}
