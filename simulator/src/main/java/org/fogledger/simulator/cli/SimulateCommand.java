package org.fogledger.simulator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fogledger.cluster.bench.DurationConverter;
import org.fogledger.simulator.behaviour.Provisioned;
import org.fogledger.simulator.behaviour.SimulatedSystem;
import org.fogledger.simulator.behaviour.SystemOptions;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.ConsoleProgress;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.engine.RunOptions;
import org.fogledger.simulator.engine.ScenarioRunner;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.report.Thresholds;
import org.fogledger.simulator.scenario.Scenario;
import org.fogledger.simulator.scenario.ScenarioFile;
import org.fogledger.simulator.scenario.ScenarioFileException;
import org.fogledger.simulator.scenario.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fogledger simulate}: a simulated device fleet against the embedded cluster or a running local fog. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        headerHeading = "",
        header = "Drive FogLedger with a simulated device fleet and report what it carried.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Runs a scenario (YAML or HOCON, docs/SIMULATOR.md; without one, the demo's: a fleet joining, sending "
                    + "readings, granting consents, asked for data, stolen, fought over and attacked) against a "
                    + "cluster: by default four validators and a gateway started in this JVM on a fresh data "
                    + "directory; with --target local-fog, the local fog of `fogledger fog up`, reached as a "
                    + "cluster client and through its gateway's MQTT ingress.",
            "",
            "Operations start at their scheduled times whatever the answers (an open model), and latency counts "
                    + "from the scheduled time, so a stalled system shows as latency, not as fewer requests. "
                    + "A progress line shows elapsed time, rate, p99, errors and the simulator's own lag. At the "
                    + "end: a summary table, summary.json and a self-contained report.html with charts, in --out. "
                    + "Correctness checks run throughout (blocked devices refused, denied data not delivered, "
                    + "acknowledged transactions on the ledger). The report says plainly when the simulator itself "
                    + "was the bottleneck and its figures cannot be trusted.",
            "",
            "Exit code: 0 every check and threshold held; 1 a check or threshold failed; 2 bad scenario, "
                    + "threshold or option; 3 the cluster could not be started or reached."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger simulate                                           the demo scenario, 10,000 devices, 60 s",
            "  fogledger simulate config/scenarios/ci-smoke.yaml --assert 'p99<500ms' --assert 'errors<0.1%'",
            "  fogledger simulate config/scenarios/million-devices.yaml     (JAVA_OPTS=-Xmx4g; docs/BENCHMARKS.md)",
            "  fogledger simulate --target local-fog                        against `fogledger fog up`",
            "  fogledger simulate --devices 500 --duration 30s --out /tmp/sim"
        })
public final class SimulateCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int MISSED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "The scenario file (.yaml, .yml, .conf). Default: the demo scenario.")
    Path scenarioFile;

    @Option(names = "--target", paramLabel = "WHERE", defaultValue = "embedded",
            description = "embedded (a cluster in this JVM) or local-fog (a running `fogledger fog up`). "
                    + "Default: ${DEFAULT-VALUE}")
    String target;

    @Option(names = "--fog-data-dir", paramLabel = "DIR", defaultValue = "data/local-fog",
            description = "With --target local-fog: the fog's data directory (genesis.conf, keys/root.key). "
                    + "Default: ${DEFAULT-VALUE}")
    Path fogDataDir;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/simulate",
            description = "With the embedded target: where the run's cluster keeps keys and journals (a fresh "
                    + "folder per run, removed afterwards unless --keep-data). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the embedded cluster's folder after the run.")
    boolean keepData;

    @Option(names = "--mqtt", paramLabel = "URI",
            description = "With the embedded target: also start the gateway's MQTT ingress on this broker "
                    + "(tcp://127.0.0.1:1883), so workloads with transport=mqtt go through it.")
    String mqtt;

    @Option(names = "--devices", paramLabel = "N", description = "Override the scenario's fleet size.")
    Integer devices;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With the demo scenario: how long to run (at least 20s). Default: 60s")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N",
            description = "Override the scenario's seed (a fresh seed re-finds no devices of an earlier run).")
    Long seed;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "A threshold the run must meet, added to the scenario's: p99<500ms, telemetry.p99<=200ms, "
                    + "errors<0.1%, register.errors<1%, rate>=100/s, lag.p99<50ms. Repeatable.")
    List<String> asserts = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write summary.txt, summary.json and report.html. Default: "
                    + "reports/<scenario>-<time>")
    Path out;

    @Option(names = "--provision", paramLabel = "N",
            description = "Bring N devices into service (registered, commissioned, installed) before the clock "
                    + "starts, so readings flow from the first second. Default: 200 with the demo scenario, 0 with "
                    + "a file")
    Integer provision;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "20000",
            description = "Operations awaiting an answer at most; beyond it arrivals are shed (counted, and the "
                    + "run marked untrusted). Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "An operation not answered within this fails as a timeout. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Scenario scenario;
        try {
            scenario = scenario();
            for (String expression : asserts) {
                Thresholds.parse(expression);
            }
            if (provision != null && (provision < 0 || provision > scenario.fleet().devices())) {
                throw new IllegalArgumentException("--provision must be between 0 and the fleet's "
                        + scenario.fleet().devices() + " devices, got " + provision);
            }
        } catch (ScenarioFileException | IllegalArgumentException e) {
            err.println("fogledger simulate: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        if (!"embedded".equals(target) && !"local-fog".equals(target)) {
            err.println("fogledger simulate: --target must be embedded or local-fog, got '" + target + "'");
            err.flush();
            return USAGE;
        }
        stdout.printf("Scenario '%s': %,d devices, %d s, %d workloads (%s), target %s%n", scenario.name(),
                scenario.fleet().devices(), scenario.duration().toSeconds(), scenario.workloads().size(),
                String.join(", ", scenario.workloads().stream().map(Workload::kind).toList()), target);
        stdout.flush();

        Path runDir = null;
        SimulatedSystem system;
        try {
            if ("embedded".equals(target)) {
                runDir = Files.createDirectories(dataDir.toAbsolutePath()).resolve("run-" + System.currentTimeMillis());
                SystemOptions options = SystemOptions.defaults().withAnswerTimeout(timeout);
                if (mqtt != null) {
                    options = options.withMqtt(mqtt, "fogledger-sim-" + Long.toHexString(System.nanoTime()));
                }
                stdout.println("Starting 4 validators and a gateway in this JVM under " + runDir + " ...");
                stdout.flush();
                system = SimulatedSystem.embedded(scenario.fleet(), runDir, options);
            } else {
                stdout.println("Joining the local fog of " + fogDataDir.toAbsolutePath() + " ...");
                stdout.flush();
                system = SimulatedSystem.remote(scenario.fleet(), fogDataDir,
                        SimulatedSystem.localFogOptions().withAnswerTimeout(timeout));
            }
        } catch (RuntimeException e) {
            err.println("fogledger simulate: the cluster is not available: " + e.getMessage());
            err.flush();
            deleteQuietly(runDir);
            return UNAVAILABLE;
        }
        try (system) {
            Map<String, Behaviour> behaviours = new LinkedHashMap<>();
            try {
                for (Workload workload : scenario.workloads()) {
                    behaviours.put(workload.kind(), system.behaviour(workload.kind(), workload.params()));
                }
            } catch (IllegalArgumentException e) {
                err.println("fogledger simulate: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            int toProvision = provision != null ? provision : scenarioFile == null ? FleetChapter.PROVISIONED : 0;
            if (toProvision > 0) {
                stdout.printf("Bringing %,d devices into service first...%n", toProvision);
                stdout.flush();
                Provisioned provisioned = system.provision(toProvision, 64, Duration.ofMinutes(10));
                stdout.printf("%,d in service in %.1f s (%.1f devices/s)%s%n", provisioned.operational(),
                        provisioned.took().toNanos() / 1e9, provisioned.perSecond(), provisioned.failed() == 0 ? ""
                                : ", " + provisioned.failed() + " failed " + provisioned.failures());
                stdout.flush();
            }
            RunOptions options = RunOptions.defaults(target).withMaxInFlight(maxInFlight).withOperationTimeout(timeout)
                    .withExtraAsserts(asserts).withChecks(() -> system.finalChecks(Duration.ofSeconds(60)));
            RunReport report = runInterruptibly(new ScenarioRunner(scenario, behaviours, options,
                    ConsoleProgress.onStandardOutput()));
            RunOutputs outputs = out != null ? new RunOutputs(out) : RunOutputs.timestamped(Path.of("reports"),
                    scenario.name());
            String table = outputs.write(report);
            stdout.println();
            stdout.print(table);
            stdout.println();
            stdout.println("Report: " + outputs.dir().resolve(RunOutputs.HTML).toAbsolutePath() + " (open it in a"
                    + " browser), summary.json and summary.txt next to it.");
            stdout.println(report.passed() ? "Every check and threshold held."
                    : "FAILED: a check or threshold did not hold (see above).");
            stdout.flush();
            return report.passed() ? OK : MISSED;
        } finally {
            if (!keepData) {
                deleteQuietly(runDir);
            }
        }
    }

    /** Ctrl-C ends the injection early; the answers still come in and the report is still written. */
    private static RunReport runInterruptibly(ScenarioRunner runner) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.stop();
            try {
                done.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runner.run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the report being written now.
            }
        }
    }

    private Scenario scenario() {
        Scenario base;
        if (scenarioFile == null) {
            base = DemoScenario.of(devices != null ? devices : 10_000, duration != null ? duration
                    : Duration.ofSeconds(60), seed != null ? seed : System.currentTimeMillis(),
                    "embedded".equals(target));
        } else {
            if (duration != null) {
                throw new IllegalArgumentException("--duration applies to the demo scenario only; a scenario file"
                        + " says its own duration");
            }
            base = ScenarioFile.load(scenarioFile);
            if (devices != null || seed != null) {
                FleetSpec fleet = base.fleet();
                int n = devices != null ? devices : fleet.devices();
                long fleetSeed = seed != null ? seed : fleet.seed();
                base = new Scenario(base.name(), seed != null ? seed : base.seed(), new FleetSpec(n,
                        Math.min(fleet.owners(), n), fleet.regions(), fleet.sitesPerRegion(), fleetSeed),
                        base.duration(), base.bucket(), base.workloads(), base.asserts());
            }
        }
        return base;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // Best effort: a leftover folder under data/simulate is harmless and named in the output.
        }
    }
}
