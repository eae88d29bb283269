package org.fogledger.simulator.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one simulator run measured: the input of the terminal summary, the JSON summary and the HTML report. Plain
 * data, written once at the end of a run (or read back from a JSON summary to render the report again).
 *
 * @param scenario       the scenario's name
 * @param target         what was driven: "embedded" or the address of a running cluster
 * @param startedAt      when the first operation was scheduled
 * @param durationMillis how long operations were injected
 * @param devices        the fleet's size
 * @param bucketMillis   the width of one interval of the time series below
 * @param operations     one entry per operation kind, in the order they first ran
 * @param lag            the simulator's own lateness over time, one sample per interval
 * @param checks         the correctness checks run during the run
 * @param thresholds     the {@code --assert} thresholds and whether each was met
 * @param trust          whether the figures can be trusted, and if not why
 * @param simulator      the simulator's own figures (lag percentiles, skipped, shed and missed arrivals)
 * @param environment    facts about the run's machine and JVM (java version, cores, max and peak heap, ...)
 */
public record RunReport(String scenario, String target, Instant startedAt, long durationMillis, long devices,
                        long bucketMillis, List<OperationReport> operations, List<LagSample> lag,
                        List<CheckResult> checks, List<ThresholdResult> thresholds, Trust trust,
                        SimulatorFigures simulator, Map<String, String> environment) {

    public RunReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucketMillis must be positive, got " + bucketMillis);
        }
        operations = List.copyOf(operations);
        lag = List.copyOf(lag);
        checks = List.copyOf(checks);
        thresholds = List.copyOf(thresholds);
        Objects.requireNonNull(trust, "trust");
        simulator = simulator == null ? SimulatorFigures.NONE : simulator;
        environment = Map.copyOf(environment);
    }

    /** True when every check found no violation and every threshold was met. */
    public boolean passed() {
        return checks.stream().allMatch(c -> c.violations() == 0) && thresholds.stream().allMatch(ThresholdResult::met);
    }
}
