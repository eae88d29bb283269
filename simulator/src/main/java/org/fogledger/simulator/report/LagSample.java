package org.fogledger.simulator.report;

/**
 * The simulator's own lateness during one interval: how far behind schedule it started operations. A large lag
 * means the simulator, not the system under test, limited the run.
 *
 * @param offsetMillis the interval's start, from the start of the run
 * @param maxLagMillis the latest an operation was started after its intended send time in the interval
 * @param behind       operations whose intended send time had passed but which were not yet started, at the
 *                     interval's end
 */
public record LagSample(long offsetMillis, long maxLagMillis, long behind) {
}
