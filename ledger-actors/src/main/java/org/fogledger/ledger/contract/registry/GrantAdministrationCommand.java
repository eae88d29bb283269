package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.crypto.PublicKey;

/**
 * Payload of command {@code grant-administration}, sent by the owner. Granting a key that already holds a grant
 * replaces it (so this also extends or shortens a grant).
 *
 * @param administrator   the key granted
 * @param expiresAtMillis the block time from which the grant no longer holds; optional (no expiry)
 */
public record GrantAdministrationCommand(PublicKey administrator, Long expiresAtMillis) {
}
