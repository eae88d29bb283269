package org.fogledger.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.report.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote simulated system: an embedded one plays the running fog (validators, gateway, MQTT ingress on the broker
 * at 127.0.0.1:1883 or {@code FOGLEDGER_MQTT_URI}) and is exported in the local fog's layout; a second simulator, with
 * a fleet of its own, joins it as a client member and reaches the gateway only through the broker.
 */
class RemoteSimulatedSystemTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path fogDir;

    private static SimulatedSystem fog;
    private static SimulatedSystem remote;

    @BeforeAll
    static void start() throws Exception {
        String uri = System.getenv().getOrDefault("FOGLEDGER_MQTT_URI", "tcp://127.0.0.1:1883");
        SystemOptions options = SystemOptions.defaults()
                .withMqtt(uri, "fogledger-remote-" + UUID.randomUUID().toString().substring(0, 8))
                .withMaxReadingsPerSecond(5);
        fog = SimulatedSystem.embedded(new FleetSpec(10, 2, 1, 1, 1L), dataDir, options);
        fog.exportAsLocalFog(fogDir);
        // 90 sites: more than are delegated at start, so the conflicts below delegate their sites' agents on demand.
        remote = SimulatedSystem.remote(new FleetSpec(200, 20, 3, 30, 0xFA11L), fogDir, options);
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
        if (fog != null) {
            fog.close();
        }
    }

    private static void allOk(String kind, Map<String, String> params, int times) throws Exception {
        assertEquals(List.of(), Drive.notOk(Drive.run(remote.behaviour(kind, params), times, 8, kind.hashCode())),
                kind + " " + params);
    }

    @Test
    void aRemoteFleetRegistersOnTheLedgerAndSendsReadingsThroughTheBroker() throws Exception {
        allOk("register", Map.of(), 20);
        allOk("telemetry", Map.of(), 20);
        allOk("unregistered-device", Map.of(), 3);
        allOk("forged-signature", Map.of(), 3);
        allOk("lifecycle", Map.of("change", "stolen"), 2);
        allOk("conflicting-decisions", Map.of(), 2);
        allOk("conflicting-decisions", Map.of("ranks", "equal"), 2);

        for (CheckResult check : remote.finalChecks(Duration.ofSeconds(60))) {
            assertEquals(0, check.violations(), check.toString());
        }
    }

    @Test
    void theGatewayActorIsNotReachableRemotely() {
        IllegalArgumentException inProcess = assertThrows(IllegalArgumentException.class,
                () -> remote.behaviour("telemetry", Map.of("transport", "inprocess")));
        assertTrue(inProcess.getMessage().contains("reached over MQTT only"), inProcess.getMessage());
        assertThrows(IllegalArgumentException.class, () -> remote.behaviour("data-request", Map.of()));
    }
}
