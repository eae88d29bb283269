package org.fogledger.simulator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.fogledger.simulator.report.HtmlReport;
import org.fogledger.simulator.report.JsonSummary;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.report.SummaryTable;

/**
 * Where a run's report goes: {@code summary.txt} (the table printed at the end), {@code summary.json} (every figure,
 * readable back with {@link JsonSummary#read}) and {@code report.html} (self-contained, charts; open it in a browser).
 */
public record RunOutputs(Path dir) {
    public static final String TABLE = "summary.txt";
    public static final String JSON = "summary.json";
    public static final String HTML = "report.html";

    /** {@code reports/<scenario>-<yyyyMMdd-HHmmss>} under {@code base}. */
    public static RunOutputs timestamped(Path base, String scenario) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return new RunOutputs(base.resolve(scenario.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp));
    }

    /** Writes the three files; returns the summary table. */
    public String write(RunReport report) throws IOException {
        Files.createDirectories(dir);
        String table = SummaryTable.render(report);
        Files.writeString(dir.resolve(TABLE), table, StandardCharsets.UTF_8);
        JsonSummary.write(report, dir.resolve(JSON));
        HtmlReport.write(report, dir.resolve(HTML));
        return table;
    }
}
