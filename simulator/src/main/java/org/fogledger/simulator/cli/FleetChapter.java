package org.fogledger.simulator.cli;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fogledger.cluster.launcher.DemoChapter;
import org.fogledger.cluster.launcher.DemoStage;
import org.fogledger.simulator.behaviour.Provisioned;
import org.fogledger.simulator.behaviour.SimulatedSystem;
import org.fogledger.simulator.behaviour.SystemOptions;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.ConsoleProgress;
import org.fogledger.simulator.engine.RunOptions;
import org.fogledger.simulator.engine.ScenarioRunner;
import org.fogledger.simulator.report.CheckResult;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.scenario.Scenario;
import org.fogledger.simulator.scenario.Workload;

/**
 * The demo's last chapter: a simulated fleet loads the demo's own cluster through a gateway on it, for a minute,
 * and the demo writes the run's report. It succeeds when every correctness check held; thresholds are shown, not
 * enforced (a laptop's load says little about a deployment).
 */
public final class FleetChapter implements DemoChapter {
    /** Devices brought into service before the clock starts, so readings flow from the first second. */
    static final int PROVISIONED = 200;

    @Override
    public String name() {
        return "fleet";
    }

    @Override
    public boolean run(DemoStage stage) throws Exception {
        PrintWriter out = stage.out();
        if (stage.fleetDevices() == 0) {
            out.println("Fleet: skipped (--fleet 0).");
            out.flush();
            return true;
        }
        Scenario scenario = DemoScenario.of(stage.fleetDevices(), stage.fleetDuration(), System.currentTimeMillis(),
                true);
        out.printf(Locale.ROOT, "Fleet: %,d simulated devices for %d s against this cluster%n", stage.fleetDevices(),
                stage.fleetDuration().toSeconds());
        out.println("  Each device has its own key, owner and site. Devices register and are installed by their");
        out.println("  owners; installed ones open sessions with a gateway and send signed readings; owners grant");
        out.println("  consents and third parties ask for data, delivered only where a consent allows; some devices");
        out.println("  are reported stolen (the gateway must refuse them) and agents fight over others; hostile");
        out.println("  devices forge signatures, replay readings and speak without being registered (all must be");
        out.println("  refused). Operations start on schedule whatever the answers; latency counts from that time.");
        out.flush();
        SimulatedSystem system = SimulatedSystem.attached(scenario.fleet(), stage.genesis(), stage.rootOperator(),
                stage.dataDir().resolve("fleet"), SystemOptions.defaults(), ConfigFactory.empty());
        try (system) {
            int provision = Math.min(PROVISIONED, stage.fleetDevices());
            out.printf(Locale.ROOT, "  bringing %d devices into service first...%n", provision);
            out.flush();
            Provisioned provisioned = system.provision(provision, 64, Duration.ofSeconds(120));
            out.printf(Locale.ROOT, "  %d in service in %.1f s (%.1f devices/s, three transactions each)%s%n",
                    provisioned.operational(), provisioned.took().toNanos() / 1e9, provisioned.perSecond(),
                    provisioned.failed() == 0 ? "" : ", " + provisioned.failed() + " failed " + provisioned.failures());
            out.flush();
            Map<String, Behaviour> behaviours = new LinkedHashMap<>();
            for (Workload workload : scenario.workloads()) {
                behaviours.put(workload.kind(), system.behaviour(workload.kind(), workload.params()));
            }
            RunOptions options = RunOptions.defaults("the demo's cluster").withMaxInFlight(20_000)
                    .withOperationTimeout(Duration.ofSeconds(30))
                    .withChecks(() -> system.finalChecks(Duration.ofSeconds(60)));
            RunReport report = new ScenarioRunner(scenario, behaviours, options, ConsoleProgress.onStandardOutput())
                    .run();
            RunOutputs outputs = RunOutputs.timestamped(stage.dataDir().resolve("reports"), scenario.name());
            out.println();
            out.print(outputs.write(report));
            out.println();
            out.println("  Report: " + outputs.dir().resolve(RunOutputs.HTML) + " (open it in a browser)");
            long violations = report.checks().stream().mapToLong(CheckResult::violations).sum();
            out.println(violations == 0 ? "  Every correctness check held."
                    : "  " + violations + " correctness violation(s): see the checks above.");
            out.flush();
            return violations == 0;
        }
    }
}
