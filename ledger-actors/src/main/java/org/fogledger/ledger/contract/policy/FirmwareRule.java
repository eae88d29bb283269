package org.fogledger.ledger.contract.policy;

/**
 * Devices whose firmware version is below {@code minimum} are blocked.
 *
 * @param minimum a dotted numeric version ({@code 2.4.1}), compared segment by segment as numbers
 *                ({@link FirmwareVersion})
 */
public record FirmwareRule(String minimum) {
}
