package org.fogledger.simulator.report;

/**
 * One {@code --assert} threshold after the run.
 *
 * @param expression the threshold as given, for example {@code p99<500ms} or {@code telemetry.errors<0.1%}
 * @param met        whether the run met it
 * @param measured   the measured value it was compared with, with its unit
 */
public record ThresholdResult(String expression, boolean met, String measured) {
}
