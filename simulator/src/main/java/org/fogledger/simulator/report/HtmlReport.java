package org.fogledger.simulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The run's report as one self-contained HTML file: header, trust banner, summary per operation kind, checks and
 * thresholds, and charts over time (throughput and latency percentiles per operation kind, the simulator's own lag).
 * Everything is inline (styles, the uPlot chart library with its licence, the data, the drawing script), so the file
 * opens from disk with no network.
 *
 * <p>Text from the run (scenario and kind names, check examples, reasons) is escaped for HTML; the chart data travels
 * as one JSON document in a {@code <script type="application/json">} element in which every {@code <}, {@code >} and
 * {@code &} is written as a JSON unicode escape, so no value can close the element or open another.
 */
public final class HtmlReport {

    private static final String RESOURCES = "org/fogledger/simulator/report/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ISO_INSTANT;

    private HtmlReport() {
    }

    /** Writes the report to {@code file} (UTF-8), replacing it if present. */
    public static void write(RunReport report, Path file) {
        try {
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file, e);
        }
    }

    /** The report's HTML. */
    public static String render(RunReport report) {
        return render(report, ChartLibrary.uPlot(), UnaryOperator.identity());
    }

    /**
     * The report's HTML with the given chart library, its JSON data passed through {@code dataJson} before it is
     * embedded. Tests use this seam to plant failures (no library, a broken data blob) that the page must show.
     */
    static String render(RunReport report, ChartLibrary library, UnaryOperator<String> dataJson) {
        StringBuilder html = new StringBuilder(256 * 1024);
        int charts = chartCount(report);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>FogLedger simulation: ").append(escape(report.scenario())).append("</title>\n")
                .append("<style>\n/*! ").append(library.notice()).append("\n*/\n").append(library.stylesheet())
                .append("\n</style>\n<style>\n").append(ClasspathText.read(RESOURCES + "report.css"))
                .append("</style>\n</head>\n")
                .append("<body data-charts-expected=\"").append(charts).append("\">\n");
        header(html, report);
        trust(html, report.trust(), report.passed());
        summary(html, report.operations());
        checks(html, report.checks());
        thresholds(html, report.thresholds());
        chartSections(html, report);
        html.append("<script type=\"application/json\" id=\"report-data\">")
                .append(dataJson.apply(safeInScript(data(report)))).append("</script>\n")
                .append("<script>\n/*! ").append(library.notice()).append("\n*/\n").append(library.script())
                .append("\n</script>\n<script>\n").append(ClasspathText.read(RESOURCES + "report.js"))
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Two charts per operation kind that has intervals, and one for the lag when there are lag samples. */
    static int chartCount(RunReport report) {
        int charts = 0;
        for (OperationReport operation : report.operations()) {
            if (!operation.series().isEmpty()) {
                charts += 2;
            }
        }
        return charts + (report.lag().isEmpty() ? 0 : 1);
    }

    private static void header(StringBuilder html, RunReport report) {
        html.append("<header>\n<h1>Simulation report: ").append(escape(report.scenario())).append("</h1>\n")
                .append("<table class=\"facts\">\n");
        fact(html, "Scenario", report.scenario());
        fact(html, "Target", report.target());
        fact(html, "Started", STARTED.format(report.startedAt()));
        fact(html, "Duration", duration(report.durationMillis()));
        fact(html, "Devices", String.format(Locale.ROOT, "%,d", report.devices()));
        fact(html, "Interval", duration(report.bucketMillis()));
        for (Map.Entry<String, String> entry : new TreeMap<>(report.environment()).entrySet()) {
            fact(html, entry.getKey(), entry.getValue());
        }
        html.append("</table>\n</header>\n");
    }

    /** The whole run's lag percentiles and what the simulator skipped, shed or missed, as a small table. */
    private static void simulatorFigures(StringBuilder html, SimulatorFigures figures) {
        if (figures.lag() == null && figures.skipped().isEmpty() && figures.shed().isEmpty()
                && figures.missed().isEmpty()) {
            return;
        }
        html.append("<table class=\"facts\" id=\"simulator-figures\">\n");
        Percentiles lag = figures.lag();
        if (lag != null) {
            fact(html, "Lag over the run", String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "p99.9 %.1f ms, max %.1f ms", lag.p50Ms(), lag.p90Ms(), lag.p99Ms(), lag.p999Ms(), lag.maxMs()));
            fact(html, "Most sends behind at once", Long.toString(figures.maxBehind()));
        }
        counts(html, "Skipped (nothing to act on)", figures.skipped());
        counts(html, "Shed (in-flight cap)", figures.shed());
        counts(html, "Missed (overdue at the end)", figures.missed());
        html.append("</table>\n");
    }

    private static void counts(StringBuilder html, String name, Map<String, Long> byKind) {
        if (!byKind.isEmpty()) {
            fact(html, name, byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static void trust(StringBuilder html, Trust trust, boolean passed) {
        if (trust.trustworthy()) {
            html.append("<section id=\"trust\" class=\"banner trusted\"><strong>The figures can be trusted:</strong> ")
                    .append(escape(trust.reason())).append("</section>\n");
        } else {
            html.append("<section id=\"trust\" class=\"banner untrusted\" data-untrusted=\"true\">")
                    .append("<strong>These figures cannot be trusted.</strong> ")
                    .append(escape(trust.reason())).append("</section>\n");
        }
        html.append("<p id=\"verdict\" class=\"verdict ").append(passed ? "passed" : "failed").append("\">")
                .append(passed ? "Every check passed and every threshold was met."
                        : "Some checks found violations or some thresholds were missed (see below).")
                .append("</p>\n");
    }

    private static void summary(StringBuilder html, List<OperationReport> operations) {
        html.append("<section id=\"summary\">\n<h2>Operations</h2>\n");
        if (operations.isEmpty()) {
            html.append("<p class=\"no-data\">No operations ran.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>kind</th><th class=\"number\">sent</th><th class=\"number\">ok</th>")
                .append("<th class=\"number\">failed</th><th class=\"number\">error rate</th>")
                .append("<th class=\"number\">mean ms</th><th class=\"number\">p50 ms</th>")
                .append("<th class=\"number\">p90 ms</th><th class=\"number\">p99 ms</th>")
                .append("<th class=\"number\">p99.9 ms</th><th class=\"number\">max ms</th><th>errors by kind</th></tr>\n");
        for (OperationReport operation : operations) {
            Percentiles latency = operation.latency();
            html.append("<tr data-kind=\"").append(escape(operation.kind())).append("\"><td>")
                    .append(escape(operation.kind())).append("</td>");
            number(html, String.format(Locale.ROOT, "%,d", operation.sent()));
            number(html, String.format(Locale.ROOT, "%,d", operation.ok()));
            number(html, String.format(Locale.ROOT, "%,d", operation.failed()));
            number(html, String.format(Locale.ROOT, "%.3f%%", 100 * operation.errorRate()));
            for (double ms : new double[] {latency.meanMs(), latency.p50Ms(), latency.p90Ms(), latency.p99Ms(),
                    latency.p999Ms(), latency.maxMs()}) {
                number(html, milliseconds(ms));
            }
            html.append("<td>");
            if (operation.errorsByKind().isEmpty()) {
                html.append("none");
            } else {
                html.append("<ul class=\"examples\">");
                new TreeMap<>(operation.errorsByKind()).forEach((kind, count) -> html.append("<li>")
                        .append(escape(kind)).append(": ").append(String.format(Locale.ROOT, "%,d", count))
                        .append("</li>"));
                html.append("</ul>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void number(StringBuilder html, String value) {
        html.append("<td class=\"number\">").append(value).append("</td>");
    }

    private static void checks(StringBuilder html, List<CheckResult> checks) {
        html.append("<section id=\"checks\">\n<h2>Correctness checks</h2>\n");
        if (checks.isEmpty()) {
            html.append("<p class=\"no-data\">No correctness checks ran.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>check</th><th class=\"number\">checked</th>")
                .append("<th class=\"number\">violations</th><th>result</th><th>examples</th></tr>\n");
        for (CheckResult check : checks) {
            boolean met = check.violations() == 0;
            html.append("<tr class=\"").append(met ? "met" : "missed").append("\"><td>").append(escape(check.name()))
                    .append("</td>");
            number(html, String.format(Locale.ROOT, "%,d", check.checked()));
            number(html, String.format(Locale.ROOT, "%,d", check.violations()));
            html.append("<td class=\"result\">").append(met ? "passed" : "FAILED").append("</td><td>");
            if (!check.examples().isEmpty()) {
                html.append("<ul class=\"examples\">");
                check.examples().forEach(example -> html.append("<li>").append(escape(example)).append("</li>"));
                html.append("</ul>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void thresholds(StringBuilder html, List<ThresholdResult> thresholds) {
        html.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n");
        if (thresholds.isEmpty()) {
            html.append("<p class=\"no-data\">No thresholds were given.</p>\n</section>\n");
            return;
        }
        html.append("<table>\n<tr><th>threshold</th><th>measured</th><th>result</th></tr>\n");
        for (ThresholdResult threshold : thresholds) {
            html.append("<tr class=\"").append(threshold.met() ? "met" : "missed").append("\"><td>")
                    .append(escape(threshold.expression())).append("</td><td>").append(escape(threshold.measured()))
                    .append("</td><td class=\"result\">").append(threshold.met() ? "met" : "MISSED")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void chartSections(StringBuilder html, RunReport report) {
        html.append("<section id=\"charts\">\n<h2>Over time</h2>\n");
        List<OperationReport> operations = report.operations();
        for (int i = 0; i < operations.size(); i++) {
            OperationReport operation = operations.get(i);
            html.append("<h3>").append(escape(operation.kind())).append("</h3>\n");
            if (operation.series().isEmpty()) {
                html.append("<p class=\"no-data\">No intervals were recorded for this kind.</p>\n");
                continue;
            }
            chart(html, "throughput", i, "Throughput: operations completed per second, and errors per second "
                    + "(right axis).");
            chart(html, "latency", i, "Latency per interval: p50, p99 and max, in ms from each operation's "
                    + "intended send time.");
        }
        html.append("<h3>The simulator's own lag</h3>\n");
        if (report.lag().isEmpty()) {
            html.append("<p class=\"no-data\">No lag samples were recorded.</p>\n");
        } else {
            chart(html, "lag", -1, "How late the simulator started operations (largest delay per interval, ms) "
                    + "and how many were behind schedule at the interval's end (right axis).");
        }
        simulatorFigures(html, report.simulator());
        html.append("</section>\n");
    }

    private static void chart(StringBuilder html, String kind, int operation, String caption) {
        html.append("<p class=\"caption\">").append(escape(caption)).append("</p>\n")
                .append("<div class=\"chart\" data-chart=\"").append(kind).append('"');
        if (operation >= 0) {
            html.append(" data-operation=\"").append(operation).append('"');
        }
        html.append("></div>\n");
    }

    /** The series the charts draw, per operation kind and for the lag; x in seconds since the start. */
    static String data(RunReport report) {
        double bucketSeconds = report.bucketMillis() / 1000.0;
        ObjectNode root = JSON.createObjectNode();
        root.put("bucketSeconds", bucketSeconds);
        ArrayNode operations = root.putArray("operations");
        for (OperationReport operation : report.operations()) {
            ObjectNode node = operations.addObject();
            node.put("kind", operation.kind());
            ArrayNode t = node.putArray("t");
            ArrayNode completed = node.putArray("completedPerSecond");
            ArrayNode errors = node.putArray("errorsPerSecond");
            ArrayNode p50 = node.putArray("p50Ms");
            ArrayNode p99 = node.putArray("p99Ms");
            ArrayNode max = node.putArray("maxMs");
            for (IntervalStats interval : operation.series()) {
                t.add(interval.offsetMillis() / 1000.0);
                completed.add(interval.completed() / bucketSeconds);
                errors.add(interval.errors() / bucketSeconds);
                // An interval with no completions has no latency: a gap in the line, not a fall to zero.
                boolean measured = interval.completed() > 0;
                addMeasured(p50, measured, interval.p50Ms());
                addMeasured(p99, measured, interval.p99Ms());
                addMeasured(max, measured, interval.maxMs());
            }
        }
        ObjectNode lag = root.putObject("lag");
        ArrayNode t = lag.putArray("t");
        ArrayNode maxLag = lag.putArray("maxLagMs");
        ArrayNode behind = lag.putArray("behind");
        for (LagSample sample : report.lag()) {
            t.add(sample.offsetMillis() / 1000.0);
            maxLag.add(sample.maxLagMillis());
            behind.add(sample.behind());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's chart data as JSON", e);
        }
    }

    private static void addMeasured(ArrayNode series, boolean measured, double ms) {
        if (measured && Double.isFinite(ms)) {
            series.add(ms);
        } else {
            series.addNull();
        }
    }

    /**
     * JSON made safe inside a script element: these characters only occur inside JSON strings, where the unicode
     * escape means the same, so {@code </script>} or {@code <!--} in a name cannot end or change the element.
     */
    static String safeInScript(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    /** Text escaped for HTML element content and double- or single-quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String milliseconds(double ms) {
        return String.format(Locale.ROOT, "%,.1f", ms);
    }

    private static String duration(long millis) {
        Duration duration = Duration.ofMillis(millis);
        if (millis < 1000) {
            return millis + " ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append(" h ");
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append(" min ");
        }
        if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0 || text.length() == 0) {
            text.append(duration.toSecondsPart());
            if (duration.toMillisPart() > 0) {
                text.append('.').append(String.format(Locale.ROOT, "%03d", duration.toMillisPart()));
            }
            text.append(" s");
        }
        return text.toString().trim();
    }
}
