package org.fogledger.simulator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.fogledger.simulator.report.CheckResult;
import org.fogledger.simulator.report.IntervalStats;
import org.fogledger.simulator.report.OperationReport;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.fogledger.simulator.scenario.Injection.atOnce;
import static org.fogledger.simulator.scenario.Injection.constantRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against small real systems in the JVM. Latency assertions are lower bounds only (a loaded machine can
 * only make latencies larger), so the tests hold under load.
 */
class ScenarioRunnerTest {

    /**
     * For tests that count every send: a send may start up to 30 s late (a loaded CI machine can hold a thread
     * back for a while), so none is given up as missed.
     */
    private static final RunOptions PATIENT = RunOptions.defaults("in-jvm")
            .withTrust(new TrustBounds(ofSeconds(30), 0.10, ofMillis(5)));

    @Test
    void every_scheduled_operation_is_sent_and_its_latency_counts_the_system_delay() {
        Scenario scenario = Scenario.named("steady").seed(7).devices(100).duration(ofMillis(1500))
                .workload("telemetry", constantRate(100).during(ofSeconds(1)))
                .asserts("telemetry.p50>=20ms", "p99<1ms")
                .build();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        AtomicBoolean finished = new AtomicBoolean();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void onProgress(Progress p) {
                progress.add(p);
            }

            @Override
            public void onFinished() {
                finished.set(true);
            }
        };
        RunReport report;
        try (TestBehaviours.Delayed system = new TestBehaviours.Delayed("telemetry", 20)) {
            report = ScenarioRunner.run(scenario, Map.of("telemetry", system),
                    PATIENT.withChecks(() -> List.of(new CheckResult("answers arrive", 100, 0,
                            List.of()))), listener);
        }
        OperationReport telemetry = report.operations().get(0);
        assertEquals(100, telemetry.sent());
        assertEquals(100, telemetry.ok());
        assertEquals(0, telemetry.failed());
        assertEquals(100, telemetry.latency().count());
        assertTrue(telemetry.latency().p50Ms() >= 20, "p50 " + telemetry.latency().p50Ms());
        assertEquals(100, telemetry.series().stream().mapToLong(IntervalStats::completed).sum());
        assertEquals(1500, report.durationMillis());
        assertEquals(1000, report.bucketMillis());
        assertEquals(List.of(0L, 1000L), telemetry.series().stream().map(IntervalStats::offsetMillis).toList()
                .subList(0, 2));
        assertEquals(telemetry.series().size(), report.lag().size());
        assertEquals("answers arrive", report.checks().get(0).name());
        assertTrue(report.thresholds().get(0).met(), report.thresholds().get(0).toString());
        assertFalse(report.thresholds().get(1).met(), report.thresholds().get(1).toString());
        assertFalse(report.passed());
        assertFalse(progress.isEmpty(), "no progress in a 1.5 s run");
        assertEquals(1500, progress.get(0).totalMillis());
        assertTrue(finished.get());
    }

    @Test
    void a_stall_shows_in_latency_from_the_intended_send_time() {
        RunReport report = stalledRun(LatencyOrigin.INTENDED_SEND);
        assertStallShows(report);
        assertFalse(report.trust().trustworthy());
        assertTrue(report.trust().reason().contains("late"), report.trust().reason());
    }

    @Test
    void measuring_from_the_actual_send_would_hide_the_stall_and_the_check_catches_it() {
        // The planted bug: the coordinated-omission mistake. Only the one call that froze looks slow, the hundred
        // sends it held up look fast, and the same assertion fails.
        RunReport report = stalledRun(LatencyOrigin.ACTUAL_START);
        assertThrows(AssertionFailedError.class, () -> assertStallShows(report));
    }

    /** About half of the 200 sends were due during the 1 s freeze: p99 from their intended time is near 1 s. */
    private static void assertStallShows(RunReport report) {
        OperationReport telemetry = report.operations().get(0);
        assertEquals(200, telemetry.sent());
        assertTrue(telemetry.latency().p99Ms() >= 500, "p99 " + telemetry.latency().p99Ms() + " ms hides the stall");
        assertTrue(telemetry.latency().p90Ms() >= 300, "p90 " + telemetry.latency().p90Ms() + " ms hides the stall");
    }

    private static RunReport stalledRun(LatencyOrigin origin) {
        Scenario scenario = Scenario.named("stall").devices(10)
                .workload("telemetry", constantRate(100).during(ofSeconds(2)))
                .build();
        return new ScenarioRunner(scenario, Map.of("telemetry", new TestBehaviours.StallsOnce(50, 1000)), PATIENT,
                ProgressListener.NONE, origin).run();
    }

    @Test
    void a_simulator_slower_than_its_schedule_says_its_figures_cannot_be_trusted() {
        // start() takes 4 ms, so one scheduler thread manages at most 250 of the 500 sends a second asks for.
        Scenario scenario = Scenario.named("slow-start").devices(10)
                .workload("register", constantRate(500).during(ofSeconds(1)))
                .build();
        RunReport report = ScenarioRunner.run(scenario, Map.of("register", new TestBehaviours.SlowToStart(4)),
                RunOptions.defaults("in-jvm"), ProgressListener.NONE);
        assertFalse(report.trust().trustworthy());
        assertTrue(report.trust().reason().startsWith("The simulator was the bottleneck"), report.trust().reason());
        assertTrue(report.trust().reason().contains("never started"), report.trust().reason());
        long sent = report.operations().get(0).sent();
        long missed = report.simulator().missed().get("register");
        assertTrue(sent < 500, "sent " + sent);
        assertEquals(500, sent + missed);
        assertTrue(report.simulator().lag().maxMs() >= 100);
    }

    @Test
    void a_system_that_never_answers_times_out_and_the_in_flight_cap_sheds_without_blocking() {
        Scenario scenario = Scenario.named("silent").devices(10)
                .workload("data-request", constantRate(100).during(ofMillis(500)))
                .build();
        RunOptions options = PATIENT.withMaxInFlight(5).withOperationTimeout(ofMillis(100));
        RunReport report = ScenarioRunner.run(scenario, Map.of("data-request", new TestBehaviours.Silent()), options,
                ProgressListener.NONE);
        OperationReport op = report.operations().get(0);
        long shed = report.simulator().shed().get("data-request");
        assertEquals(50, op.sent() + shed);
        assertEquals(op.sent(), op.failed());
        assertEquals(Map.of("timeout", op.sent()), op.errorsByKind());
        assertTrue(op.latency().p50Ms() >= 100, "a timeout counts with at least the timeout as latency");
        assertTrue(shed > 0);
        assertFalse(report.trust().trustworthy());
        assertTrue(report.trust().reason().contains("shed"), report.trust().reason());
    }

    @Test
    void skipped_operations_are_not_sent_and_failures_are_grouped_by_kind() {
        Scenario scenario = Scenario.named("outcomes").devices(10)
                .workload("consent-grant", atOnce(20))
                .duration(ofSeconds(1))
                .build();
        RunReport report = ScenarioRunner.run(scenario, Map.of("consent-grant", new TestBehaviours.EveryOutcome()),
                PATIENT, ProgressListener.NONE);
        OperationReport op = report.operations().get(0);
        assertEquals(16, op.sent());
        assertEquals(4, op.ok());
        assertEquals(12, op.failed());
        assertEquals(Map.of("refused:not-registered", 4L, "exception:IllegalStateException", 4L,
                "exception:IOException", 4L), op.errorsByKind());
        assertEquals(4L, report.simulator().skipped().get("consent-grant"));
    }

    @Test
    void one_seed_gives_every_operation_the_same_random_choices() {
        Scenario scenario = Scenario.named("seeded").seed(42).devices(10)
                .workload("telemetry", atOnce(30)).duration(ofMillis(500)).build();
        TestBehaviours.RecordsRandom first = new TestBehaviours.RecordsRandom();
        TestBehaviours.RecordsRandom second = new TestBehaviours.RecordsRandom();
        ScenarioRunner.run(scenario, Map.of("telemetry", first), PATIENT, ProgressListener.NONE);
        ScenarioRunner.run(scenario, Map.of("telemetry", second), PATIENT, ProgressListener.NONE);
        assertEquals(30, first.seen.size());
        assertEquals(first.seen, second.seen);
        assertEquals(30, first.seen.stream().distinct().count());
    }

    @Test
    void stop_ends_the_injection_early_and_the_report_covers_what_ran() {
        Scenario scenario = Scenario.named("stopped").devices(10)
                .workload("telemetry", constantRate(100).during(ofSeconds(60))).build();
        ScenarioRunner[] runner = new ScenarioRunner[1];
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Behaviour stopsAfterTen = new Behaviour() {
            @Override
            public String kind() {
                return "telemetry";
            }

            @Override
            public java.util.concurrent.CompletionStage<Outcome> start(java.util.SplittableRandom random) {
                if (calls.incrementAndGet() == 10) {
                    runner[0].stop(); // as Ctrl-C would, from another thread
                }
                return java.util.concurrent.CompletableFuture.completedFuture(Outcome.OK);
            }
        };
        runner[0] = new ScenarioRunner(scenario, Map.of("telemetry", stopsAfterTen), PATIENT,
                ProgressListener.NONE);
        RunReport report = runner[0].run();
        assertEquals(10, report.operations().get(0).sent());
        assertTrue(report.durationMillis() < 60_000, "duration " + report.durationMillis());
        assertEquals(null, report.simulator().missed().get("telemetry"), "stopping is not missing sends");
        assertThrows(IllegalStateException.class, runner[0]::run);
    }

    @Test
    void a_kind_without_a_behaviour_is_refused_before_anything_runs() {
        Scenario scenario = Scenario.named("x").workload("churn", atOnce(1)).duration(Duration.ofMillis(10)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioRunner.run(scenario,
                Map.of("telemetry", new TestBehaviours.RecordsRandom()), RunOptions.defaults("x"),
                ProgressListener.NONE));
        assertTrue(e.getMessage().contains("[churn]") && e.getMessage().contains("[telemetry]"), e.getMessage());
    }
}
