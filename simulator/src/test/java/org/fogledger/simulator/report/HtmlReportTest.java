package org.fogledger.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report's rendering, read back with an HTML parser; the page's scripts are run by the Chromium test. */
class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindGetsAThroughputAndALatencyChartAndTheLagGetsOne() throws Exception {
        RunReport report = SampleRunReports.untrustedRunWithFailures();
        Document page = Jsoup.parse(HtmlReport.render(report));

        Elements charts = page.select("div.chart");
        assertEquals(2 * SampleRunReports.KINDS.size() + 1, charts.size());
        assertEquals(String.valueOf(charts.size()), page.body().attr("data-charts-expected"));
        for (int k = 0; k < SampleRunReports.KINDS.size(); k++) {
            assertEquals(1, page.select("div.chart[data-chart=throughput][data-operation=" + k + "]").size());
            assertEquals(1, page.select("div.chart[data-chart=latency][data-operation=" + k + "]").size());
        }
        assertEquals(1, page.select("div.chart[data-chart=lag]").size());

        JsonNode data = JSON.readTree(page.getElementById("report-data").data());
        assertEquals(SampleRunReports.KINDS.size(), data.get("operations").size());
        for (JsonNode operation : data.get("operations")) {
            for (String series : List.of("t", "completedPerSecond", "errorsPerSecond", "p50Ms", "p99Ms", "maxMs")) {
                assertEquals(SampleRunReports.INTERVALS, operation.get(series).size(), series);
            }
        }
        assertEquals(SampleRunReports.INTERVALS, data.get("lag").get("maxLagMs").size());
    }

    @Test
    void theSimulatorsOwnFiguresAreATableUnderItsLagChart() {
        Document page = Jsoup.parse(HtmlReport.render(SampleReports.sample(List.of())));

        Elements rows = page.select("table#simulator-figures tr");
        assertEquals(List.of("Lag over the run", "Most sends behind at once", "Skipped (nothing to act on)"),
                rows.stream().map(row -> row.selectFirst("th").text()).toList());
        assertTrue(rows.get(0).text().contains("p99 2.5 ms"), rows.get(0).text());
        assertEquals("12", rows.get(1).selectFirst("td").text());
        assertEquals("register 4", rows.get(2).selectFirst("td").text());
        assertTrue(Jsoup.parse(HtmlReport.render(SampleRunReports.untrustedRunWithFailures()))
                .select("table#simulator-figures").isEmpty(), "no figures, no table");
    }

    @Test
    void throughputIsPerSecondWhateverTheIntervalWidth() throws Exception {
        RunReport report = withSeries(List.of(new IntervalStats(0, 500, 5, 2, 9, 12),
                new IntervalStats(5000, 1000, 0, 3, 10, 14)), 5000);
        JsonNode telemetry = JSON.readTree(HtmlReport.data(report)).get("operations").get(0);

        assertEquals(List.of(0.0, 5.0), doubles(telemetry.get("t")));
        assertEquals(List.of(100.0, 200.0), doubles(telemetry.get("completedPerSecond")));
        assertEquals(List.of(1.0, 0.0), doubles(telemetry.get("errorsPerSecond")));
    }

    @Test
    void anIntervalWithoutCompletionsIsAGapInTheLatencyLines() throws Exception {
        RunReport report = withSeries(List.of(new IntervalStats(0, 10, 0, 2, 9, 12),
                new IntervalStats(1000, 0, 0, 0, 0, 0), new IntervalStats(2000, 10, 0, 3, 10, 14)), 1000);
        JsonNode telemetry = JSON.readTree(HtmlReport.data(report)).get("operations").get(0);

        assertTrue(telemetry.get("p99Ms").get(1).isNull());
        assertTrue(telemetry.get("maxMs").get(1).isNull());
        assertEquals(10.0, telemetry.get("p99Ms").get(2).asDouble());
    }

    @Test
    void namesCannotBreakOutOfTheirElements() throws Exception {
        String hostile = "</script><script>alert(\"pwned\")</script><!-- & <b>bold</b> 'quoted' ]]>";
        RunReport report = SampleRunReports.run(hostile, List.of("telemetry " + hostile, "register"));
        String html = HtmlReport.render(report);
        Document page = Jsoup.parse(html);

        assertFalse(html.contains("<script>alert"), "a name opened a script element");
        assertFalse(html.contains("<b>bold"), "a name opened an element");
        assertEquals(3, page.select("script").size(), "the data, the chart library and the drawing script");
        assertTrue(page.select("b").isEmpty());
        assertEquals("FogLedger simulation: " + hostile, page.title());
        assertEquals("Simulation report: " + hostile, page.selectFirst("h1").text());
        assertEquals(hostile, page.selectFirst("table.facts td").text());

        Element blob = page.getElementById("report-data");
        assertEquals("application/json", blob.attr("type"));
        JsonNode data = JSON.readTree(blob.data());
        assertEquals("telemetry " + hostile, data.get("operations").get(0).get("kind").asText());
        assertFalse(blob.data().contains("<"), "the data blob holds a raw '<'");
    }

    @Test
    void safeInScriptKeepsTheJsonMeaning() throws Exception {
        String json = JSON.writeValueAsString(Map.of("a", "</script>&<!--\u2028"));
        String safe = HtmlReport.safeInScript(json);

        assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("&") || safe.contains("\u2028"));
        assertEquals(JSON.readTree(json), JSON.readTree(safe));
    }

    @Test
    void emptySeriesAreSaidInWordsAndGetNoChart() throws Exception {
        OperationReport silent = new OperationReport("silent", 0, 0, 0, Map.of(), Percentiles.NONE, List.of());
        RunReport report = new RunReport("empty", "embedded", Instant.parse("2026-11-28T01:00:00Z"), 0, 0, 1000,
                List.of(silent), List.of(), List.of(), List.of(), new Trust(true, "nothing ran"),
                SimulatorFigures.NONE, Map.of());
        Document page = Jsoup.parse(HtmlReport.render(report));

        assertTrue(page.select("div.chart").isEmpty());
        assertEquals("0", page.body().attr("data-charts-expected"));
        assertTrue(page.text().contains("No intervals were recorded for this kind."));
        assertTrue(page.text().contains("No lag samples were recorded."));
        assertTrue(page.text().contains("No correctness checks ran."));
        assertTrue(page.text().contains("No thresholds were given."));
        JsonNode data = JSON.readTree(page.getElementById("report-data").data());
        assertEquals(0, data.get("operations").get(0).get("t").size());
    }

    @Test
    void aRunWithNoOperationsAtAllRenders() {
        RunReport report = new RunReport("idle", "embedded", Instant.parse("2026-11-28T01:00:00Z"), 0, 0, 1000,
                List.of(), List.of(), List.of(), List.of(), new Trust(true, "nothing ran"),
                SimulatorFigures.NONE, Map.of());
        Document page = Jsoup.parse(HtmlReport.render(report));

        assertTrue(page.text().contains("No operations ran."));
        assertTrue(page.select("div.chart").isEmpty());
    }

    @Test
    void theTrustBannerSaysPlainlyWhenFiguresCannotBeTrusted() {
        Document untrusted = Jsoup.parse(HtmlReport.render(SampleRunReports.untrustedRunWithFailures()));
        Element banner = untrusted.getElementById("trust");
        assertTrue(banner.hasClass("untrusted"));
        assertTrue(banner.text().startsWith("These figures cannot be trusted."));
        assertTrue(banner.text().contains("fell behind its schedule"));

        RunReport fine = new RunReport("ok", "embedded", Instant.parse("2026-11-28T01:00:00Z"), 0, 0, 1000, List.of(),
                List.of(), List.of(), List.of(), new Trust(true, "lag stayed under 5 ms"),
                SimulatorFigures.NONE, Map.of());
        Element trusted = Jsoup.parse(HtmlReport.render(fine)).getElementById("trust");
        assertTrue(trusted.hasClass("trusted"));
        assertFalse(trusted.text().contains("cannot be trusted"));
    }

    @Test
    void checksAndThresholdsShowWhetherTheyWereMet() {
        Document page = Jsoup.parse(HtmlReport.render(SampleRunReports.untrustedRunWithFailures()));

        Elements missedThresholds = page.select("#thresholds tr.missed");
        assertEquals(1, missedThresholds.size());
        assertTrue(missedThresholds.text().contains("p99<500ms"));
        assertTrue(missedThresholds.text().contains("MISSED"));
        assertEquals(1, page.select("#thresholds tr.met").size());
        Elements failedChecks = page.select("#checks tr.missed");
        assertEquals(1, failedChecks.size());
        assertTrue(failedChecks.text().contains("tx 7f3a at height 118 acknowledged but absent"));
        assertTrue(page.getElementById("verdict").hasClass("failed"));
    }

    @Test
    void theFileNeedsNoNetworkAndKeepsTheChartLibrarysLicence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(SampleRunReports.untrustedRunWithFailures(), file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);

        assertTrue(page.select("[src], link, [href]").isEmpty(), "the page loads something from elsewhere");
        assertFalse(html.contains("@import"));
        assertTrue(html.contains("Permission is hereby granted, free of charge"), "the MIT licence notice is missing");
        assertTrue(html.contains("var uPlot="), "uPlot is not inlined");
        assertTrue(html.contains(".uplot"), "uPlot's stylesheet is not inlined");
    }

    private static RunReport withSeries(List<IntervalStats> series, long bucketMillis) {
        OperationReport telemetry = new OperationReport("telemetry", 20, 20, 0, Map.of(), Percentiles.NONE, series);
        return new RunReport("series", "embedded", Instant.parse("2026-11-28T01:00:00Z"), 10_000, 1, bucketMillis,
                List.of(telemetry), List.of(), List.of(), List.of(), new Trust(true, "fine"),
                SimulatorFigures.NONE, Map.of());
    }

    private static List<Double> doubles(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asDouble).toList();
    }
}
