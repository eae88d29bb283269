package org.fogledger.simulator.report;

/** Latency percentiles in milliseconds, read from an HdrHistogram; all 0 when nothing was recorded. */
public record Percentiles(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                          double maxMs) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0, 0);
}
