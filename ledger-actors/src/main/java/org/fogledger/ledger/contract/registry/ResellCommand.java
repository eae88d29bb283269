package org.fogledger.ledger.contract.registry;

import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * Payload of command {@code resell}, sent by the current or the new owner, carrying the other's signature over the
 * {@link OwnershipTransferStatement} made of the device id, the current owner, {@code newOwner}, {@code sequence}
 * and {@code validUntilMillis}.
 *
 * @param newOwner         the buyer's key
 * @param sequence         the device's resale sequence the statement names (its {@code ownershipSequence} now)
 * @param validUntilMillis the last block time at which the statement may be used
 * @param counterSignature the other party's signature over the statement
 * @param note             free text kept in the history; optional
 */
public record ResellCommand(PublicKey newOwner, Long sequence, Long validUntilMillis, Signature counterSignature,
                            String note) {
}
