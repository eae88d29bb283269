package org.fogledger.agents.gateway;

import java.util.Objects;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.PurposeOfUse;
import org.fogledger.ledger.contract.consent.Recipient;

/**
 * A third party's request for a device's data held at the gateway: who asks (their key, and the role and
 * organisation they act in, as the gateway knows them), which data, what for, and what they will do with it. The
 * recipient's key is required: a share is recorded against it.
 */
public record DataRequest(String deviceId, Coding dataClass, Recipient recipient, String purpose,
                          ConsentAction action) {

    public DataRequest {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(action, "action");
        if (recipient.key() == null) {
            throw new IllegalArgumentException("recipient: the key is required, the share is recorded against it");
        }
        if (!PurposeOfUse.isCode(purpose)) {
            throw new IllegalArgumentException("purpose '" + purpose + "' is not a v3 PurposeOfUse code");
        }
    }
}
