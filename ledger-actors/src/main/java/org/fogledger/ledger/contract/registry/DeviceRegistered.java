package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/** The maker registered the device; {@code entry} is declaration 0. */
public record DeviceRegistered(String deviceId, PublicKey deviceKey, String model, PublicKey maker, PublicKey owner,
                               String location, HistoryEntry entry) implements DeviceEvent {

    public DeviceRegistered {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(maker, "maker");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(entry, "entry");
    }
}
