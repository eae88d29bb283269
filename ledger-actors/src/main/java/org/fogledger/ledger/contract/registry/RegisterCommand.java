package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.crypto.PublicKey;

/**
 * Payload of command {@code register}, sent by the maker (the transaction's signer must be {@code maker}).
 *
 * @param deviceKey the device's own public key
 * @param model     the maker's model name, 1 to {@value RegistryContract#MAX_MODEL_LENGTH} characters
 * @param maker     the maker's key, which signs this registration
 * @param owner     the first owner (often the maker itself, which then resells)
 * @param location  the device's place in the hierarchy ({@link DevicePath})
 */
public record RegisterCommand(PublicKey deviceKey, String model, PublicKey maker, PublicKey owner,
                              String location) {
}
