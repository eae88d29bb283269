package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/** An instance no registration has reached: every device id starts here. */
public record UnregisteredDevice(String deviceId) implements DeviceState {

    public UnregisteredDevice {
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
