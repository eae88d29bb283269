package org.fogledger.simulator.engine;

/**
 * A run's state once a second, for the live progress line.
 *
 * @param elapsedMillis  time since the run started
 * @param totalMillis    the scenario's duration
 * @param opsPerSecond   operations answered per second over the last second
 * @param p99Ms          p99 latency of the operations answered in the last second, all kinds together
 * @param errors         failed operations so far
 * @param completed      operations answered so far
 * @param lagMs          the latest the simulator started an operation in the last second
 * @param behind         sends overdue right now
 * @param inFlight       operations waiting for an answer right now
 */
public record Progress(long elapsedMillis, long totalMillis, double opsPerSecond, double p99Ms, long errors,
                       long completed, double lagMs, long behind, long inFlight) {
}
