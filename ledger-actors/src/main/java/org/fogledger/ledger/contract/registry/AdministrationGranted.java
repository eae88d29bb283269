package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/** The owner granted administration of the device. */
public record AdministrationGranted(AdministratorGrant grant) implements DeviceEvent {

    public AdministrationGranted {
        Objects.requireNonNull(grant, "grant");
    }
}
