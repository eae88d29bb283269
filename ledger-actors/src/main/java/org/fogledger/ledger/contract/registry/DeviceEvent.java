package org.fogledger.ledger.contract.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the registry persists about a device, in the past tense; {@link RegistryContract#apply} folds them. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DeviceRegistered.class, name = "device-registered"),
        @JsonSubTypes.Type(value = LifecycleDeclared.class, name = "lifecycle-declared"),
        @JsonSubTypes.Type(value = OwnershipTransferred.class, name = "ownership-transferred"),
        @JsonSubTypes.Type(value = DeviceBlocked.class, name = "device-blocked"),
        @JsonSubTypes.Type(value = DeviceReleased.class, name = "device-released"),
        @JsonSubTypes.Type(value = AdministrationGranted.class, name = "administration-granted"),
        @JsonSubTypes.Type(value = AdministrationRevoked.class, name = "administration-revoked"),
        @JsonSubTypes.Type(value = ArbitrationEnacted.class, name = "arbitration-enacted")
})
public sealed interface DeviceEvent permits DeviceRegistered, LifecycleDeclared, OwnershipTransferred, DeviceBlocked,
        DeviceReleased, AdministrationGranted, AdministrationRevoked, ArbitrationEnacted {
}
