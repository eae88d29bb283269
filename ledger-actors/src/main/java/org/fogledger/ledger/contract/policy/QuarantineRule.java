package org.fogledger.ledger.contract.policy;

/**
 * A device is quarantined once it has failed to authenticate {@code afterFailedAuthentications} times.
 *
 * @param afterFailedAuthentications 1 to {@value PolicyLimits#MAX_FAILED_AUTHENTICATIONS}
 */
public record QuarantineRule(Integer afterFailedAuthentications) {
}
