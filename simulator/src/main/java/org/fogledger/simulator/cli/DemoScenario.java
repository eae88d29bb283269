package org.fogledger.simulator.cli;

import static org.fogledger.simulator.scenario.Injection.constantRate;
import static org.fogledger.simulator.scenario.Injection.nothingFor;
import static org.fogledger.simulator.scenario.Injection.rampRate;

import java.time.Duration;
import java.util.Map;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.scenario.Scenario;

/**
 * The short default scenario of {@code fogledger demo} and of {@code fogledger simulate} without a file: a fleet
 * joins (devices register and are installed), sends readings, owners grant consents that third parties' requests
 * are judged against, a few devices are stolen or fought over by agents, and hostile devices forge, replay and
 * speak unregistered. Rates suit a laptop's embedded cluster; the ledger's commit rate bounds the writes.
 */
public final class DemoScenario {

    private DemoScenario() {
    }

    /**
     * @param devices  the fleet's size
     * @param duration how long to inject (at least 20 s: the fleet needs a few seconds to have devices in service)
     * @param seed     the fleet's seed: a fresh one per run against a chain that persists (a device id registers
     *                 once)
     * @param thirdParties whether third parties ask the gateway for data ({@code data-request}): only with the
     *                 gateway in this JVM; over MQTT (a local fog) third parties have no way to ask
     */
    public static Scenario of(int devices, Duration duration, long seed, boolean thirdParties) {
        if (duration.compareTo(Duration.ofSeconds(20)) < 0) {
            throw new IllegalArgumentException("the demo scenario needs at least 20 s, got " + duration.toSeconds()
                    + " s");
        }
        Duration warm = Duration.ofSeconds(5);
        Duration rest = duration.minus(warm);
        int owners = Math.max(1, Math.min(devices, devices / 10));
        Scenario.Builder scenario = Scenario.named("demo").seed(seed)
                .fleet(new FleetSpec(devices, owners, 4, 8, seed))
                .duration(duration)
                .bucket(Duration.ofSeconds(1))
                .workload("register", rampRate(2).to(12).during(warm), constantRate(12).during(rest))
                .workload("telemetry", nothingFor(warm), rampRate(10).to(120).during(Duration.ofSeconds(10)),
                        constantRate(120).during(rest.minusSeconds(10)))
                .workload("consent-grant", nothingFor(warm), constantRate(3).during(rest));
        if (thirdParties) {
            scenario.workload("data-request", Map.of("recipient", "any"), nothingFor(warm.plusSeconds(5)),
                    constantRate(20).during(rest.minusSeconds(5)));
        }
        return scenario.workload("lifecycle", Map.of("change", "stolen"), nothingFor(warm.plusSeconds(5)),
                        constantRate(0.5).during(rest.minusSeconds(5)))
                .workload("conflicting-decisions", nothingFor(warm.plusSeconds(5)),
                        constantRate(0.3).during(rest.minusSeconds(5)))
                .workload("forged-signature", nothingFor(warm), constantRate(2).during(rest))
                .workload("unregistered-device", constantRate(3).during(duration))
                .workload("replay", nothingFor(warm), constantRate(1).during(rest))
                .asserts("errors<1%", "lag.p99<100ms")
                .build();
    }
}
