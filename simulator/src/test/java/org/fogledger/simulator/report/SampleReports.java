package org.fogledger.simulator.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A hand-made report with every field used, for the output tests. */
final class SampleReports {

    private SampleReports() {
    }

    static RunReport sample(List<ThresholdResult> thresholds) {
        OperationReport telemetry = new OperationReport("telemetry", 3000, 2990, 10,
                Map.of("timeout", 7L, "refused:not-registered", 3L),
                new Percentiles(3000, 12.345678, 10.1, 20.25, 412.3, 800.0, 1234.5),
                List.of(new IntervalStats(0, 1500, 4, 9.9, 300.0, 700.0),
                        new IntervalStats(1000, 1500, 6, 10.3, 420.1, 1234.5)));
        OperationReport register = new OperationReport("register", 200, 200, 0, Map.of(),
                new Percentiles(200, 80.0, 75.0, 120.0, 150.0, 160.0, 161.0),
                List.of(new IntervalStats(0, 200, 0, 75.0, 150.0, 161.0), new IntervalStats(1000, 0, 0, 0, 0, 0)));
        Map<String, String> env = Map.of("java.version", "17.0.12", "cores", "2");
        SimulatorFigures figures = new SimulatorFigures(new Percentiles(3200, 0.2, 0.1, 0.4, 2.5, 9.0, 31.0), 12,
                Map.of("register", 4L), Map.of(), Map.of());
        return new RunReport("ci-smoke", "embedded", Instant.parse("2026-11-28T01:02:03.456789Z"), 2000, 2000,
                1000, List.of(telemetry, register), List.of(new LagSample(0, 3, 0), new LagSample(1000, 31, 12)),
                List.of(new CheckResult("every blocked device is refused", 40, 0, List.of()),
                        new CheckResult("every acknowledged transaction is on the ledger", 2990, 1,
                                List.of("tx 7f3a at height 12 missing on validator-2"))),
                thresholds, new Trust(true, "the simulator kept to its schedule"), figures, env);
    }
}
