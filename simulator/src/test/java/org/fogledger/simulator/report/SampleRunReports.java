package org.fogledger.simulator.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run reports shaped like real runs, for the HTML report's tests. Deterministic: no clock, no randomness. */
final class SampleRunReports {

    static final int INTERVALS = 60;
    static final long BUCKET_MILLIS = 1000;
    static final List<String> KINDS = List.of("register", "telemetry", "consent-grant");

    private SampleRunReports() {
    }

    /**
     * Three kinds over 60 one-second intervals, with a failed check, a missed threshold, and a simulator that fell
     * behind in the second half (so the figures are marked untrustworthy).
     */
    static RunReport untrustedRunWithFailures() {
        return run("fleet-10k ramp", KINDS);
    }

    /** The same shape with the given scenario name and kinds (to test what the names may contain). */
    static RunReport run(String scenario, List<String> kinds) {
        List<OperationReport> operations = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            operations.add(operation(kinds.get(k), k));
        }
        List<LagSample> lag = new ArrayList<>();
        for (int i = 0; i < INTERVALS; i++) {
            long late = i < INTERVALS / 2 ? 2 + i % 3 : 40L * (i - INTERVALS / 2);
            long behind = i < INTERVALS / 2 ? 0 : 5L * (i - INTERVALS / 2) * (i - INTERVALS / 2);
            lag.add(new LagSample(i * BUCKET_MILLIS, late, behind));
        }
        List<CheckResult> checks = List.of(
                new CheckResult("every blocked device is refused", 1_200, 0, List.of()),
                new CheckResult("every acknowledged transaction is on the ledger", 48_000, 2,
                        List.of("tx 7f3a at height 118 acknowledged but absent", "tx 0c91 at height 240 acknowledged but absent")));
        List<ThresholdResult> thresholds = List.of(
                new ThresholdResult("p99<500ms", false, "p99 = 812.0 ms"),
                new ThresholdResult("errors<1%", true, "errors = 0.42%"));
        return new RunReport(scenario, "embedded", Instant.parse("2026-11-28T01:00:00Z"), INTERVALS * BUCKET_MILLIS,
                10_000, BUCKET_MILLIS, operations, lag, checks, thresholds,
                new Trust(false, "the simulator fell behind its schedule by up to 1160 ms (4205 operations late)"),
                SimulatorFigures.NONE, Map.of("java", "17.0.13", "cores", "2", "max heap", "4096 MiB", "peak heap", "1210 MiB"));
    }

    private static OperationReport operation(String kind, int k) {
        List<IntervalStats> series = new ArrayList<>();
        long sent = 0;
        long failed = 0;
        for (int i = 0; i < INTERVALS; i++) {
            long completed = (i + 1) * 20L * (k + 1);
            long errors = i % 7 == 0 ? 1 + k : 0;
            double p50 = 4 + k + (i % 10) * 0.5;
            double p99 = p50 * 6 + i * 3;
            series.add(new IntervalStats(i * BUCKET_MILLIS, completed, errors, p50, p99, p99 * 1.5));
            sent += completed;
            failed += errors;
        }
        return new OperationReport(kind, sent, sent - failed, failed, failed == 0 ? Map.of() : Map.of("timeout", failed),
                new Percentiles(sent, 9.5, 6.0, 30.0, 210.0, 640.0, 812.0), series);
    }
}
