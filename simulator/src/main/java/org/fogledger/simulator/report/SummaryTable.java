package org.fogledger.simulator.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end-of-run summary for a terminal: one fixed-width row per operation kind (and a total), then the errors by
 * kind, the correctness checks, the thresholds, whether the figures can be trusted, and the verdict.
 */
public final class SummaryTable {

    private static final String[] NUMBER_HEADERS = {"sent", "ok", "failed", "err%", "rate/s", "p50 ms", "p90 ms",
        "p99 ms", "p99.9 ms", "max ms"};
    private static final int NUMBER_WIDTH = 10;

    private SummaryTable() {
    }

    public static String render(RunReport r) {
        StringBuilder out = new StringBuilder();
        double seconds = r.durationMillis() / 1000.0;
        out.append(String.format(Locale.ROOT, "Scenario %s against %s%n", r.scenario(), r.target()));
        out.append(String.format(Locale.ROOT, "started %s, ran %.1f s, %,d devices, intervals of %s%n%n",
                r.startedAt(), seconds, r.devices(), millis(r.bucketMillis())));

        int kindWidth = Math.max(8, r.operations().stream().mapToInt(o -> o.kind().length()).max().orElse(0)) + 2;
        out.append(pad("kind", kindWidth));
        for (String h : NUMBER_HEADERS) {
            out.append(left(h));
        }
        out.append('\n');
        long sent = 0;
        long ok = 0;
        long failed = 0;
        for (OperationReport o : r.operations()) {
            Percentiles p = o.latency();
            out.append(pad(o.kind(), kindWidth));
            out.append(count(o.sent())).append(count(o.ok())).append(count(o.failed()));
            out.append(left(percent(o.errorRate()))).append(left(fixed(o.sent() / seconds, 1)));
            if (p.count() == 0) {
                for (int i = 0; i < 5; i++) {
                    out.append(left("-"));
                }
            } else {
                out.append(latency(p.p50Ms())).append(latency(p.p90Ms())).append(latency(p.p99Ms()))
                        .append(latency(p.p999Ms())).append(latency(p.maxMs()));
            }
            out.append('\n');
            sent += o.sent();
            ok += o.ok();
            failed += o.failed();
        }
        if (r.operations().size() > 1) {
            out.append(pad("all", kindWidth)).append(count(sent)).append(count(ok)).append(count(failed))
                    .append(left(percent(sent == 0 ? 0 : (double) failed / sent)))
                    .append(left(fixed(sent / seconds, 1))).append('\n');
        }
        if (r.operations().isEmpty()) {
            out.append("(no operations)\n");
        }

        List<OperationReport> withErrors = r.operations().stream().filter(o -> !o.errorsByKind().isEmpty()).toList();
        if (!withErrors.isEmpty()) {
            out.append("\nerrors by kind\n");
            for (OperationReport o : withErrors) {
                String errors = o.errorsByKind().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
                out.append("  ").append(pad(o.kind(), kindWidth)).append(errors).append('\n');
            }
        }

        if (!r.checks().isEmpty()) {
            out.append("\nchecks\n");
            for (CheckResult c : r.checks()) {
                out.append(String.format(Locale.ROOT, "  %-6s %s (%,d checked, %,d %s)%n",
                        c.violations() == 0 ? "ok" : "FAIL", c.name(), c.checked(), c.violations(),
                        c.violations() == 1 ? "violation" : "violations"));
                for (String example : c.examples()) {
                    out.append("           e.g. ").append(example).append('\n');
                }
            }
        }

        if (!r.thresholds().isEmpty()) {
            out.append("\nthresholds\n");
            int width = r.thresholds().stream().mapToInt(t -> t.expression().length()).max().orElse(0) + 2;
            for (ThresholdResult t : r.thresholds()) {
                out.append("  ").append(pad(t.met() ? "met" : "MISSED", 8)).append(pad(t.expression(), width))
                        .append("measured ").append(t.measured()).append('\n');
            }
        }

        out.append('\n').append(simulatorLine(r.simulator()));
        out.append(r.trust().trustworthy() ? "trust: yes, " : "trust: NO. ")
                .append(r.trust().reason()).append('\n');
        out.append("result: ").append(verdict(r)).append('\n');
        return out.toString();
    }

    /** The simulator's own figures, when the report has them. */
    private static String simulatorLine(SimulatorFigures figures) {
        StringBuilder line = new StringBuilder();
        Percentiles lag = figures.lag();
        if (lag != null) {
            line.append(String.format(Locale.ROOT, "simulator lag: p50 %s ms, p99 %s ms, max %s ms",
                    fixed(lag.p50Ms(), 1), fixed(lag.p99Ms(), 1), fixed(lag.maxMs(), 1)));
        }
        Map<String, Map<String, Long>> counted = new LinkedHashMap<>();
        counted.put("skipped", figures.skipped());
        counted.put("shed", figures.shed());
        counted.put("missed", figures.missed());
        for (Map.Entry<String, Map<String, Long>> what : counted.entrySet()) {
            String counts = what.getValue().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            if (!counts.isEmpty()) {
                line.append(line.length() == 0 ? "" : "; ").append(what.getKey()).append(": ").append(counts);
            }
        }
        return line.length() == 0 ? "" : line.append('\n').toString();
    }

    private static String verdict(RunReport r) {
        if (r.passed()) {
            return "PASSED";
        }
        long checks = r.checks().stream().filter(c -> c.violations() > 0).count();
        long thresholds = r.thresholds().stream().filter(t -> !t.met()).count();
        StringBuilder why = new StringBuilder("FAILED (");
        if (checks > 0) {
            why.append(checks).append(checks == 1 ? " check violated" : " checks violated");
        }
        if (thresholds > 0) {
            why.append(checks > 0 ? ", " : "").append(thresholds)
                    .append(thresholds == 1 ? " threshold missed" : " thresholds missed");
        }
        return why.append(')').toString();
    }

    private static String millis(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String count(long n) {
        return left(String.format(Locale.ROOT, "%,d", n));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static String latency(double ms) {
        return left(fixed(ms, ms < 10 ? 2 : 1));
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String left(String s) {
        return " ".repeat(Math.max(1, NUMBER_WIDTH - s.length())) + s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
