package org.fogledger.simulator.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSummaryTest {

    @Test
    void a_report_round_trips_exactly(@TempDir Path dir) throws Exception {
        RunReport report = SampleReports.sample(List.of(new ThresholdResult("p99<500ms", true, "412.3 ms (telemetry)")));
        Path file = dir.resolve("out/summary.json");
        JsonSummary.write(report, file);
        assertEquals(report, JsonSummary.read(file));
        String json = Files.readString(file);
        assertTrue(json.contains("\"startedAt\" : \"2026-11-28T01:02:03.456789Z\""), json);
        assertTrue(json.contains("\"meanMs\" : 12.345678"), json);
        // Derived values are not stored: they are computed from what is.
        assertFalse(json.contains("errorRate"), json);
        assertFalse(json.contains("passed"), json);
    }

    @Test
    void what_is_not_a_report_is_refused_with_the_reason() {
        String json = JsonSummary.toJson(SampleReports.sample(List.of()));
        String unknown = assertThrows(RuntimeException.class,
                () -> JsonSummary.fromJson(json.replaceFirst("\\{", "{ \"colour\" : 1,"))).getMessage();
        assertTrue(unknown.contains("colour"), unknown);
        String missing = assertThrows(RuntimeException.class,
                () -> JsonSummary.fromJson("{\"scenario\":\"x\"}")).getMessage();
        assertTrue(missing.startsWith("not a run report"), missing);
    }
}
