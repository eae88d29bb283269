package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The state of one registry instance, {@code registry/<deviceId>}: one type per phase of the record's own life, a
 * device no one has registered yet and a registered one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UnregisteredDevice.class, name = "unregistered"),
        @JsonSubTypes.Type(value = RegisteredDevice.class, name = "registered")
})
public sealed interface DeviceState permits UnregisteredDevice, RegisteredDevice {

    /** The instance key: the device's id. */
    String deviceId();
}
