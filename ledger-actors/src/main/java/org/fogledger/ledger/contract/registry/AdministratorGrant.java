package org.fogledger.ledger.contract.registry;

import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The owner's grant of administration of one device to another key (a site operator, a maintenance firm), until
 * {@code expiresAtMillis} in block time if set. A resale ends every grant: the buyer did not make them.
 *
 * @param administrator   the key granted
 * @param height          the block of the grant
 * @param index           the grant's execution in that block
 * @param grantedAtMillis the block time of the grant
 * @param expiresAtMillis the first block time at which the grant no longer holds; null for no expiry
 */
public record AdministratorGrant(PublicKey administrator, long height, int index, long grantedAtMillis,
                                 Long expiresAtMillis) {

    public AdministratorGrant {
        Objects.requireNonNull(administrator, "administrator");
    }

    /** Whether the grant holds in a block of time {@code blockTimeMillis}. */
    public boolean holdsAt(long blockTimeMillis) {
        return expiresAtMillis == null || blockTimeMillis < expiresAtMillis;
    }
}
