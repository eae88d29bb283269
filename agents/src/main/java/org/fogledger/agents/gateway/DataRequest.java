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
 *
 * @param sharingSessionId null for a request under consent alone; else the id of the sharing session
 *                         ({@code sharing/<deviceId>}) the recipient opened and pays from: the session must be open,
 *                         name this gateway and have the recipient as consumer, and every reading delivered is a
 *                         unit the gateway meters to it
 */
public record DataRequest(String deviceId, Coding dataClass, Recipient recipient, String purpose,
                          ConsentAction action, String sharingSessionId) {

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
        if (sharingSessionId != null && (sharingSessionId.isEmpty() || sharingSessionId.length() > 128)) {
            throw new IllegalArgumentException("sharingSessionId must be 1-128 characters, got "
                    + sharingSessionId.length());
        }
    }

    /** A request under consent alone, outside any sharing session. */
    public DataRequest(String deviceId, Coding dataClass, Recipient recipient, String purpose,
                       ConsentAction action) {
        this(deviceId, dataClass, recipient, purpose, action, null);
    }
}
