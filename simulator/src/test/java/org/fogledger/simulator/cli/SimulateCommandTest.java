package org.fogledger.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fogledger.cluster.launcher.Launcher;
import org.fogledger.simulator.report.CheckResult;
import org.fogledger.simulator.report.JsonSummary;
import org.fogledger.simulator.report.OperationReport;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.report.ThresholdResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fogledger simulate} as a user runs it, through the launcher: the CI-sized scenario of
 * config/scenarios/ci-smoke.yaml against an embedded cluster, with its thresholds and the correctness checks; a
 * threshold the system cannot meet makes the command fail; bad input is refused before anything starts.
 */
class SimulateCommandTest {
    private static final Path CI_SMOKE = Path.of("..", "config", "scenarios", "ci-smoke.yaml");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        String transcript() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private static Run simulate(String... args) {
        CommandLine launcher = Launcher.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        launcher.setOut(new PrintWriter(out));
        launcher.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = launcher.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theCiScenarioMeetsItsThresholdsAndEveryCheckAndWritesItsReports() throws Exception {
        Path reports = dir.resolve("reports");

        Run run = simulate(CI_SMOKE.toString(), "--provision", "50", "--data-dir", dir.resolve("data").toString(),
                "--out", reports.toString(), "--assert", "unregistered-device.errors<1%");

        assertEquals(SimulateCommand.OK, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("Every check and threshold held."), run.transcript());
        RunReport report = JsonSummary.read(reports.resolve(RunOutputs.JSON));
        assertEquals("ci-smoke", report.scenario());
        assertTrue(report.passed(), run.transcript());
        for (String kind : new String[] {"register", "telemetry", "data-request", "unregistered-device"}) {
            OperationReport operations = report.operations().stream().filter(o -> o.kind().equals(kind)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " in the report\n" + run.transcript()));
            assertTrue(operations.ok() > 0, kind + " never succeeded\n" + run.transcript());
        }
        assertEquals(3, report.checks().size(), run.transcript());
        for (CheckResult check : report.checks()) {
            assertEquals(0, check.violations(), check.name() + " " + check.examples());
        }
        assertEquals(3, report.thresholds().size(), run.transcript());
        assertTrue(report.thresholds().stream().allMatch(ThresholdResult::met), run.transcript());
        assertTrue(Files.readString(reports.resolve(RunOutputs.HTML)).contains("ci-smoke"));
        assertEquals(Files.readString(reports.resolve(RunOutputs.TABLE)).strip(),
                run.out().substring(run.out().indexOf("Scenario ci-smoke")).lines()
                        .takeWhile(line -> !line.startsWith("Report: ")).reduce("", (a, b) -> a + b + "\n").strip());
        try (var left = Files.list(dir.resolve("data"))) {
            assertEquals(0, left.count(), "the embedded cluster's run folder is removed after the run");
        }
    }

    @Test
    void aThresholdTheSystemCannotMeetFailsTheCommand() throws Exception {
        Path scenario = Files.writeString(dir.resolve("strangers.yaml"), """
                name: strangers
                seed: 7
                duration: 4s
                fleet: {devices: 100, owners: 10, regions: 1, sitesPerRegion: 1}
                workloads:
                  - kind: unregistered-device
                    inject:
                      - constantRate: 5
                        during: 4s
                """);

        Run run = simulate(scenario.toString(), "--data-dir", dir.resolve("data").toString(), "--out",
                dir.resolve("out").toString(), "--assert", "p99<1us");

        assertEquals(SimulateCommand.MISSED, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("MISSED  p99<1us"), run.transcript());
        assertTrue(run.out().contains("FAILED: a check or threshold did not hold"), run.transcript());
    }

    @Test
    void aBadThresholdIsRefusedBeforeAnythingStarts() {
        Run run = simulate(CI_SMOKE.toString(), "--assert", "p99 under 5", "--data-dir", dir.toString());

        assertEquals(SimulateCommand.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().startsWith("fogledger simulate: "), run.transcript());
        assertTrue(run.err().contains("accepted forms"), run.transcript());
        assertTrue(!run.out().contains("Starting"), run.transcript());
    }

    @Test
    void aScenarioFileWithAnUnknownKeyIsRefusedNamingIt() throws Exception {
        Path scenario = Files.writeString(dir.resolve("typo.yaml"), """
                name: typo
                duraton: 10s
                workloads:
                  - kind: telemetry
                    inject: [{constantRate: 1, during: 1s}]
                """);

        Run run = simulate(scenario.toString(), "--data-dir", dir.toString());

        assertEquals(SimulateCommand.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("duraton"), run.transcript());
        assertTrue(run.err().contains(scenario.toString()), run.transcript());
    }

    @Test
    void anUnknownTargetIsAUsageError() {
        Run run = simulate("--target", "cloud", "--data-dir", dir.toString());

        assertEquals(SimulateCommand.USAGE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("--target must be embedded or local-fog, got 'cloud'"), run.transcript());
    }
}
