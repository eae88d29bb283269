package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.crypto.PublicKey;

/** Payload of command {@code revoke-administration}, sent by the owner. */
public record RevokeAdministrationCommand(PublicKey administrator) {
}
