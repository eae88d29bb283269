package org.fogledger.simulator.report;

/**
 * Whether a run's figures describe the system under test. They do not when the simulator itself fell behind its
 * schedule (it was the bottleneck), and the report says so plainly.
 *
 * @param trustworthy false when the figures cannot be trusted
 * @param reason      why not, or a short confirmation when they can
 */
public record Trust(boolean trustworthy, String reason) {
}
