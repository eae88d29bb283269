package org.fogledger.simulator.report;

/**
 * One operation kind during one interval of the run.
 *
 * @param offsetMillis the interval's start, from the start of the run
 * @param completed    operations that completed in the interval (its throughput is completed / interval width)
 * @param errors       of those, the ones that failed
 * @param p50Ms        median latency of the interval's completions, from intended send time
 * @param p99Ms        99th percentile of the same
 * @param maxMs        the largest of the same
 */
public record IntervalStats(long offsetMillis, long completed, long errors, double p50Ms, double p99Ms, double maxMs) {
}
