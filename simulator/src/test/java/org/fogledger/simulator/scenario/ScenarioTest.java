package org.fogledger.simulator.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.fogledger.simulator.scenario.Injection.atOnce;
import static org.fogledger.simulator.scenario.Injection.constantRate;
import static org.fogledger.simulator.scenario.Injection.nothingFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioTest {

    @Test
    void the_dsl_defaults_the_duration_to_the_longest_profile_and_the_fleet_to_its_default_shape() {
        assertEquals(ofSeconds(1), Scenario.named("burst").workload("t", atOnce(5)).build().duration());
        Scenario s = Scenario.named("x").seed(3).devices(500)
                .workload("register", atOnce(10), constantRate(5).during(ofSeconds(20)))
                .workload("telemetry", nothingFor(ofSeconds(5)), constantRate(50).during(ofSeconds(30)))
                .build();
        assertEquals(ofSeconds(35), s.duration());
        assertEquals(Scenario.defaultFleet(500, 3), s.fleet());
        assertEquals(110, s.workloads().get(0).expectedArrivals(), 1e-9);
    }

    @Test
    void the_dsl_refuses_what_a_file_would() {
        assertMessage("workload kind telemetry appears twice", () -> Scenario.named("x")
                .workload("telemetry", atOnce(1)).workload("telemetry", atOnce(2)).build());
        assertMessage("injects for PT30S, longer than the scenario's duration PT10S", () -> Scenario.named("x")
                .duration(ofSeconds(10)).workload("telemetry", constantRate(1).during(ofSeconds(30))).build());
        assertMessage("bad threshold 'p99<1'", () -> Scenario.named("x").workload("t", atOnce(1))
                .duration(ofSeconds(1)).asserts("p99<1").build());
        assertMessage("has no workloads", () -> Scenario.named("x").duration(ofSeconds(1)).build());
        assertMessage("rate must be a finite number of operations per second, at least 0, got -1.0",
                () -> constantRate(-1).during(ofSeconds(1)));
        assertMessage("workload t has no injection steps", () -> Scenario.named("x").workload("t").build());
    }

    @Test
    void withers_keep_the_rest() {
        Scenario s = Scenario.named("x").workload("t", atOnce(1)).duration(ofSeconds(1)).build();
        assertEquals(List.of("errors<1%"), s.withAsserts(List.of("errors<1%")).asserts());
        assertEquals(7, s.withFleet(Scenario.defaultFleet(7, 1)).fleet().devices());
        assertEquals(s.workloads(), s.withFleet(Scenario.defaultFleet(7, 1)).workloads());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        String message = assertThrows(IllegalArgumentException.class, build).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
