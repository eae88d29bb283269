package org.fogledger.ledger.contract.policy;

/**
 * The most telemetry messages a device may send per minute; 0 stops telemetry altogether.
 *
 * @param maxPerMinute 0 to {@value PolicyLimits#MAX_MESSAGES_PER_MINUTE}
 */
public record TelemetryRule(Integer maxPerMinute) {
}
