package org.fogledger.simulator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.fogledger.simulator.report.IntervalStats;
import org.fogledger.simulator.report.OperationReport;

/**
 * The measurements of one operation kind. Answers are recorded from any thread (a {@link Recorder} and adders, no
 * lock); the ticker thread alone closes intervals, so the whole-run histogram and the series need no lock either.
 * Nothing here grows with the number of operations: one series entry per interval, one counter per error kind (at
 * most {@link #MAX_ERROR_KINDS}).
 */
final class KindMeter {

    static final int MAX_ERROR_KINDS = 50;
    static final String OTHER_ERRORS = "other";

    final String kind;
    private final Recorder interval = Latencies.recorder();
    private final Histogram whole = Latencies.histogram();
    private Histogram swap;
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder shed = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<IntervalStats> series = new ArrayList<>();

    private final Recorder allKinds;

    /** @param allKinds where every kind's answers are also recorded, for the live progress line */
    KindMeter(String kind, Recorder allKinds) {
        this.kind = kind;
        this.allKinds = allKinds;
    }

    /** One answered operation; {@code latencyNanos} runs from its intended send time. */
    void record(Outcome outcome, long latencyNanos) {
        if (outcome instanceof Outcome.Failed f) {
            failed.increment();
            intervalErrors.increment();
            errorCounter(f.errorKind()).increment();
            interval.recordValue(Latencies.micros(latencyNanos));
            allKinds.recordValue(Latencies.micros(latencyNanos));
        } else if (outcome instanceof Outcome.Skipped) {
            skipped.increment();
        } else {
            ok.increment();
            interval.recordValue(Latencies.micros(latencyNanos));
            allKinds.recordValue(Latencies.micros(latencyNanos));
        }
    }

    void shed() {
        shed.increment();
    }

    long failed() {
        return failed.sum();
    }

    long answered() {
        return ok.sum() + failed.sum();
    }

    long skipped() {
        return skipped.sum();
    }

    long shedCount() {
        return shed.sum();
    }

    /** Ticker thread: ends the interval starting at {@code offsetMillis}. */
    void closeInterval(long offsetMillis) {
        swap = interval.getIntervalHistogram(swap);
        long errs = intervalErrors.sumThenReset();
        whole.add(swap);
        series.add(new IntervalStats(offsetMillis, swap.getTotalCount(), errs, Latencies.ms(swap, 50),
                Latencies.ms(swap, 99), Latencies.maxMs(swap)));
    }

    /** Ticker thread, after the last interval was closed. */
    OperationReport report() {
        Map<String, Long> byKind = new HashMap<>();
        errors.forEach((k, v) -> byKind.put(k, v.sum()));
        long okCount = ok.sum();
        long failedCount = failed.sum();
        return new OperationReport(kind, okCount + failedCount, okCount, failedCount, byKind,
                Latencies.percentiles(whole), series);
    }

    double wholeP99Ms() {
        return Latencies.ms(whole, 99);
    }

    private LongAdder errorCounter(String errorKind) {
        LongAdder counter = errors.get(errorKind);
        if (counter != null) {
            return counter;
        }
        // A behaviour that puts free text into error kinds must not make this map grow without bound.
        if (errors.size() >= MAX_ERROR_KINDS) {
            return errors.computeIfAbsent(OTHER_ERRORS, k -> new LongAdder());
        }
        return errors.computeIfAbsent(errorKind, k -> new LongAdder());
    }
}
