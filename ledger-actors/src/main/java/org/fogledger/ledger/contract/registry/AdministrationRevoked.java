package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/** The owner revoked {@code administrator}'s grant, in block {@code height} at {@code index}. */
public record AdministrationRevoked(PublicKey administrator, long height, int index) implements DeviceEvent {

    public AdministrationRevoked {
        Objects.requireNonNull(administrator, "administrator");
    }
}
