package org.fogledger.simulator.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.fogledger.simulator.fleet.FleetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.fogledger.simulator.scenario.Injection.atOnce;
import static org.fogledger.simulator.scenario.Injection.constantRate;
import static org.fogledger.simulator.scenario.Injection.nothingFor;
import static org.fogledger.simulator.scenario.Injection.rampRate;
import static org.fogledger.simulator.scenario.Injection.spike;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioFileTest {

    private static final Path FILE = Path.of("scenarios/test.yaml");

    private static final String YAML = """
            name: smoke
            seed: 9
            duration: 40s
            bucket: 500ms
            fleet:
              devices: 1000
              owners: 50
            workloads:
              - kind: register
                inject:
                  - atOnce: 100
                  - constantRate: 10.5
                    during: 20s
              - kind: telemetry
                params:
                  transport: mqtt
                inject:
                  - nothingFor: 5s
                  - rampRate: 10
                    to: 100
                    during: 10s
                  - spike: 500
                    during: 2s
            asserts:
              - p99<500ms
              - telemetry.errors<0.1%
            """;

    private static final Scenario EXPECTED = Scenario.named("smoke").seed(9)
            .fleet(new FleetSpec(1000, 50, 4, 8, 9))
            .duration(ofSeconds(40)).bucket(ofMillis(500))
            .workload("register", atOnce(100), constantRate(10.5).during(ofSeconds(20)))
            .workload("telemetry", Map.of("transport", "mqtt"), nothingFor(ofSeconds(5)),
                    rampRate(10).to(100).during(ofSeconds(10)), spike(500).during(ofSeconds(2)))
            .asserts("p99<500ms", "telemetry.errors<0.1%")
            .build();

    @Test
    void yaml_hocon_and_the_java_dsl_build_the_same_scenario() {
        assertEquals(EXPECTED, ScenarioFile.fromYaml(YAML, FILE));
        String hocon = """
                name = smoke
                seed = 9
                duration = 40 seconds
                bucket = 500ms
                fleet { devices = 1000, owners = 50 }
                workloads = [
                  { kind = register, inject = [ { atOnce = 100 }, { constantRate = 10.5, during = 20s } ] }
                  { kind = telemetry, params { transport = mqtt }, inject = [
                      { nothingFor = 5s }
                      { rampRate = 10, to = 100, during = 10s }
                      { spike = 500, during = 2s }
                  ] }
                ]
                asserts = [ "p99<500ms", "telemetry.errors<0.1%" ]
                """;
        assertEquals(EXPECTED, ScenarioFile.fromHocon(hocon, Path.of("test.conf")));
    }

    @Test
    void the_duration_defaults_to_the_longest_workload_and_the_fleet_to_the_default_shape() {
        Scenario s = ScenarioFile.fromYaml("""
                name: short
                fleet: {devices: 30}
                workloads:
                  - kind: telemetry
                    inject: [{constantRate: 5, during: 12s}, {nothingFor: 3s}]
                """, FILE);
        assertEquals(ofSeconds(15), s.duration());
        assertEquals(ofSeconds(1), s.bucket());
        assertEquals(new FleetSpec(30, 3, 4, 8, 1), s.fleet());
    }

    @Test
    void the_example_scenarios_load() {
        Scenario ci = ScenarioFile.load(Path.of("../config/scenarios/ci-smoke.yaml"));
        assertEquals("ci-smoke", ci.name());
        assertEquals(ofSeconds(25), ci.duration());
        Scenario million = ScenarioFile.load(Path.of("../config/scenarios/million-devices.yaml"));
        assertEquals(1_000_000, million.fleet().devices());
        assertEquals(ofMinutes(5), million.duration());
    }

    @Test
    void an_unknown_key_is_named_with_its_path_line_and_column() {
        String message = problem(YAML.replace("    to: 100\n", "    to: 100\n        tempo: fast\n"));
        assertEquals("scenarios/test.yaml: workloads[1].inject[1].tempo: is not a known key; known here: "
                + "[during, rampRate, to] (line 21, column 9)", message);
    }

    @Test
    void bad_values_say_what_is_wrong_and_where() {
        assertContains(problem(YAML.replace("during: 20s", "during: 20 parsecs")),
                "workloads[0].inject[1].during: '20 parsecs' is not a duration; write a number and a unit: "
                        + "500ms, 30s, 2m, 1h (or 30 seconds) (line 13, column 17)");
        assertContains(problem(YAML.replace("constantRate: 10.5", "constantRate: -5")),
                "workloads[0].inject[1].constantRate: must be a rate of at least 0 operations per second, "
                        + "got -5 (line 12, column 23)");
        assertContains(problem(YAML.replace("devices: 1000", "devices: many")),
                "fleet.devices: must be a whole number, got 'many' (line 6, column 12)");
        assertContains(problem(YAML.replace("p99<500ms", "p99<500")),
                "asserts[0]: bad threshold 'p99<500': a latency needs a unit");
        assertContains(problem(YAML.replace("kind: telemetry", "kind: register")),
                "workloads[1].kind: 'register' is already the kind of workloads[0]");
        assertContains(problem(YAML.replace("duration: 40s", "duration: 10s")),
                "workloads[0].inject: lasts 20s, longer than the scenario's duration 10s (line 3, column 11)");
    }

    @Test
    void empty_workloads_and_empty_injection_are_refused() {
        String noWorkloads = problem("name: x\nfleet: {devices: 1}\nworkloads: []\n");
        assertTrue(noWorkloads.contains("workloads: is empty; a scenario needs at least one workload (line 3"),
                noWorkloads);
        String noSteps = problem("name: x\nfleet: {devices: 1}\nworkloads:\n  - kind: telemetry\n    inject: []\n");
        assertTrue(noSteps.contains("workloads[0].inject: is empty"), noSteps);
        String missing = problem("name: x\nworkloads:\n  - kind: telemetry\n");
        assertTrue(missing.contains("fleet: is required") && missing.contains("workloads[0].inject: is required"),
                missing);
    }

    @Test
    void every_problem_is_reported_at_once() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> ScenarioFile.fromYaml(
                YAML.replace("seed: 9", "sead: 9").replace("spike: 500", "spike: lots"), FILE));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("scenarios/test.yaml: 2 problems"), e.getMessage());
    }

    @Test
    void a_step_needs_exactly_one_kind_of_step() {
        assertTrue(problem(YAML.replace("- atOnce: 100", "- atOnce: 100\n        spike: 3"))
                .contains("workloads[0].inject[0]: has several steps [atOnce, spike]; put each in its own list item"));
        assertTrue(problem(YAML.replace("- atOnce: 100", "- during: 3s"))
                .contains("workloads[0].inject[0]: has no step; use one of [nothingFor, atOnce, constantRate, "
                        + "rampRate, spike]"));
    }

    @Test
    void hocon_errors_name_the_line_and_syntax_errors_are_reported_too() {
        String hocon = "name = x\nfleet { devices = 1 }\nworkloads = [ { kind = t, inject = [ { atOnce = 1 } ], "
                + "colour = red } ]\n";
        ScenarioFileException e = assertThrows(ScenarioFileException.class,
                () -> ScenarioFile.fromHocon(hocon, Path.of("x.conf")));
        assertEquals("x.conf: workloads[0].colour: is not a known key; known here: [inject, kind, params] (line 3)",
                e.getMessage());
        assertTrue(problem("name: [unclosed\n").contains("not valid YAML"));
        assertTrue(assertThrows(ScenarioFileException.class,
                () -> ScenarioFile.fromHocon("name = {", Path.of("x.conf"))).getMessage().contains("not valid HOCON"));
        assertTrue(problem("name: x\nname: y\n").contains("name: appears twice (line 2, column 1)"));
    }

    @Test
    void files_are_read_by_their_extension(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("s.yml");
        Files.writeString(yaml, YAML);
        assertEquals(EXPECTED, ScenarioFile.load(yaml));
        Path txt = dir.resolve("s.txt");
        Files.writeString(txt, YAML);
        assertTrue(assertThrows(ScenarioFileException.class, () -> ScenarioFile.load(txt)).getMessage()
                .contains("unknown format"));
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), () -> "expected to contain\n  " + expected + "\nbut was\n  " + message);
    }

    private static String problem(String yaml) {
        return assertThrows(ScenarioFileException.class, () -> ScenarioFile.fromYaml(yaml, FILE)).getMessage();
    }
}
