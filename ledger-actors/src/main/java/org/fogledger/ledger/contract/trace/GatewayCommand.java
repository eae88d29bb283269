package org.fogledger.ledger.contract.trace;

import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/** The payload of {@code register} and {@code set-gateway}: the key that will sign the stream's anchors. */
public record GatewayCommand(PublicKey gateway) {

    public GatewayCommand {
        Objects.requireNonNull(gateway, "gateway");
    }
}
