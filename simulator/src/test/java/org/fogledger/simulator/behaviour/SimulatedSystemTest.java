package org.fogledger.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;
import org.fogledger.simulator.report.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every behaviour against the real embedded system (four validators, the gateway and its MQTT ingress on the
 * broker at 127.0.0.1:1883, or {@code FOGLEDGER_MQTT_URI}): the honest ones are answered as they should be, the
 * malicious ones are refused, and the final checks find no violation. The tests run in order: the first brings
 * devices into service for the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedSystemTest {
    @TempDir
    static Path dataDir;

    private static SimulatedSystem system;

    @BeforeAll
    static void start() {
        String uri = System.getenv().getOrDefault("FOGLEDGER_MQTT_URI", "tcp://127.0.0.1:1883");
        system = SimulatedSystem.embedded(new FleetSpec(300, 30, 2, 2, 0x5EEDL), dataDir, SystemOptions.defaults()
                .withMqtt(uri, "fogledger-sim-" + UUID.randomUUID().toString().substring(0, 8))
                .withMaxReadingsPerSecond(5));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static List<Outcome> run(String kind, Map<String, String> params, int times) throws Exception {
        return Drive.run(system.behaviour(kind, params), times, 8, kind.hashCode() ^ params.hashCode());
    }

    private static void allOk(String kind, Map<String, String> params, int times) throws Exception {
        List<Outcome> outcomes = run(kind, params, times);
        assertEquals(List.of(), Drive.notOk(outcomes), kind + " " + params);
    }

    @Test
    @Order(1)
    void registeredDevicesBecomeOperational() throws Exception {
        Provisioned provisioned = system.provision(20, 10, Duration.ofSeconds(120));
        assertEquals(20, provisioned.operational(), provisioned.toString());
        allOk("register", Map.of(), 40);
        allOk("register", Map.of("until", "registered"), 5);
        assertEquals(60, system.fleet().count(DeviceStage.OPERATIONAL));
        assertEquals(5, system.fleet().count(DeviceStage.REGISTERED));
    }

    @Test
    @Order(2)
    void readingsAreAcceptedInProcessAndOverMqtt() throws Exception {
        allOk("telemetry", Map.of(), 40);
        allOk("telemetry", Map.of("transport", "mqtt"), 20);
        allOk("churn", Map.of(), 3);
        allOk("telemetry", Map.of("transport", "mqtt"), 10);
    }

    @Test
    @Order(3)
    void dataIsDeliveredExactlyWhileAConsentIsInForce() throws Exception {
        allOk("consent-grant", Map.of("purpose", "HRESCH"), 10);
        assertEquals(10, system.fleet().count(DeviceStage.CONSENTED));
        allOk("data-request", Map.of("devices", "consented", "recipient", "consented"), 10);
        allOk("data-request", Map.of("devices", "consented", "recipient", "stranger"), 5);
        allOk("data-request", Map.of("devices", "unconsented"), 10);
        allOk("data-request", Map.of("devices", "consented", "purpose", "TREAT"), 5);
        allOk("consent-withdraw", Map.of(), 5);
        assertEquals(5, system.fleet().count(DeviceStage.CONSENTED));
        allOk("data-request", Map.of(), 20);
    }

    @Test
    @Order(5)
    void lifecycleChangesAndConflictsEndAsTheContractsSay() throws Exception {
        allOk("lifecycle", Map.of("change", "stolen"), 3);
        allOk("lifecycle", Map.of("change", "obsolete"), 2);
        int operational = system.fleet().count(DeviceStage.OPERATIONAL) + system.fleet().count(DeviceStage.CONSENTED);
        allOk("lifecycle", Map.of("change", "resold"), 3);
        assertEquals(operational, system.fleet().count(DeviceStage.OPERATIONAL)
                + system.fleet().count(DeviceStage.CONSENTED), "a resold device is installed again by its buyer");
        allOk("conflicting-decisions", Map.of("ranks", "different"), 4);
        allOk("conflicting-decisions", Map.of("ranks", "equal"), 4);
        assertTrue(system.fleet().count(DeviceStage.BLOCKED) >= 3);
        assertEquals(2, system.fleet().count(DeviceStage.RETIRED));
        // A conflict whose block committed first and was then lifted closed the device's session in between; the
        // device is admitted again, and replaying its readings still shows the replay refused, not the old session.
        allOk("replay", Map.of(), 12);
    }

    @Test
    @Order(6)
    void aSessionTheGatewayEndedBehindTheSimulatorsBackIsOpenedAgainNotCountedAsARefusal() throws Exception {
        // Every admitted device says hello outside the simulator's table: the gateway replaces the sessions the
        // simulator holds. Replays and readings must open new ones, not report "replaced by a new session".
        Fleet fleet = system.fleet();
        for (int device = 0; device < fleet.size(); device++) {
            DeviceStage stage = fleet.stage(device);
            if (stage == DeviceStage.OPERATIONAL || stage == DeviceStage.CONSENTED) {
                Gateway.SessionAnswer answer = DeviceSessions.hello(system.gatewayPort(), fleet.deviceId(device),
                        fleet.deviceKey(device)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertInstanceOf(Gateway.SessionAnswer.Opened.class, answer, fleet.deviceId(device));
            }
        }
        allOk("replay", Map.of(), 8);
        allOk("telemetry", Map.of(), 8);
    }

    @Test
    @Order(4)
    void maliciousDevicesAreRefused() throws Exception {
        for (String transport : List.of("inprocess", "mqtt")) {
            allOk("unregistered-device", Map.of("transport", transport), 4);
            allOk("forged-signature", Map.of("transport", transport), 4);
            allOk("forged-signature", Map.of("transport", transport, "target", "hello"), 2);
            allOk("replay", Map.of("transport", transport), 4);
            allOk("replay", Map.of("transport", transport, "target", "hello"), 2);
            allOk("flood", Map.of("transport", transport), 2);
        }
        allOk("replay", Map.of("target", "transaction"), 4);
        // Planted: a flood judged against a limit below the gateway's real one (5 a second) is not refused, and
        // the behaviour says so rather than calling it Ok.
        List<Outcome> notLimited = run("flood", Map.of("rate", "1"), 1);
        assertEquals("flood-not-limited", ((Outcome.Failed) notLimited.get(0)).errorKind(), notLimited.toString());
        // After all that, honest readings still get in.
        allOk("telemetry", Map.of(), 20);
    }

    @Test
    @Order(7)
    void theFinalChecksFindNoViolation() {
        List<CheckResult> checks = system.finalChecks(Duration.ofSeconds(60));
        assertEquals(3, checks.size());
        for (CheckResult check : checks) {
            assertTrue(check.checked() > 0, check.toString());
            assertEquals(0, check.violations(), check.toString());
        }
    }

    @Test
    void unknownKindsAndParametersAreNamed() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> system.behaviour("teleport", Map.of()));
        assertTrue(kind.getMessage().contains("known: register, telemetry"), kind.getMessage());
        IllegalArgumentException param = assertThrows(IllegalArgumentException.class,
                () -> system.behaviour("telemetry", Map.of("colour", "red")));
        assertEquals("behaviour 'telemetry' has no parameter colour; it accepts transport", param.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> system.behaviour("lifecycle", Map.of("change", "lost")));
        assertTrue(value.getMessage().contains("change=lost is not one of stolen, blocked, obsolete, resold"),
                value.getMessage());
    }
}
