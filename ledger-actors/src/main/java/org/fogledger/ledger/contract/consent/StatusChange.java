package org.fogledger.ledger.contract.consent;

/** A consent entered {@code status} in the block at {@code height}, whose time was {@code at}. */
public record StatusChange(ConsentStatus status, long at, long height) {
}
