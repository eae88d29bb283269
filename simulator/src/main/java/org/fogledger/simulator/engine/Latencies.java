package org.fogledger.simulator.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.fogledger.simulator.report.Percentiles;

/**
 * How latencies are held: HdrHistograms of microseconds, up to one hour, three significant digits (about 180 KB
 * per histogram whatever the number of operations, so memory stays flat over long runs).
 */
final class Latencies {

    static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int DIGITS = 3;

    private Latencies() {
    }

    static Recorder recorder() {
        return new Recorder(HIGHEST_MICROS, DIGITS);
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    /** Nanoseconds to the recorded unit, clamped into the histogram's range. */
    static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }

    static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(h.getTotalCount(), h.getMean() / 1000, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                h.getMaxValue() / 1000.0);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0;
    }
}
