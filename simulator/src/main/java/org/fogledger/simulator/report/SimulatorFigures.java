package org.fogledger.simulator.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulator's own figures for a run, what its trust verdict and the {@code lag.*} thresholds are judged on:
 * how late it started operations over the whole run, the most sends it was ever behind at once, and per operation
 * kind how many arrivals it skipped (nothing to act on), shed (the in-flight cap) or missed (still overdue at the
 * run's end). Kinds with none are left out of the maps.
 *
 * @param lag the lag's percentiles over the whole run; null when the report has none (a report from before these
 *            figures were kept, read back from its JSON)
 */
public record SimulatorFigures(Percentiles lag, long maxBehind, Map<String, Long> skipped, Map<String, Long> shed,
                               Map<String, Long> missed) {

    /** No figures: a report made without a simulator run behind it. */
    public static final SimulatorFigures NONE = new SimulatorFigures(null, 0, Map.of(), Map.of(), Map.of());

    public SimulatorFigures {
        skipped = sorted(skipped);
        shed = sorted(shed);
        missed = sorted(missed);
    }

    public long shedTotal() {
        return shed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long missedTotal() {
        return missed.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        return counts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
