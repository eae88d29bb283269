package org.fogledger.simulator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code --assert} thresholds: parsing and judging them against a {@link RunReport}.
 *
 * <p>A threshold is {@code [scope.]measure comparison value}:
 * <ul>
 *   <li>latency, from intended send time: {@code p50 p90 p99 p99.9 max mean} with a unit {@code us ms s}:
 *       {@code p99<500ms}, {@code telemetry.p99<=200ms}. Without a kind it must hold for every kind (the report
 *       shows the worst one).</li>
 *   <li>failed over sent: {@code errors} in percent: {@code errors<0.1%}, {@code register.errors<1%}.</li>
 *   <li>operations sent per second over the run: {@code rate} with {@code /s}: {@code rate>=100/s}.</li>
 *   <li>the simulator's own lateness: {@code lag.p99<50ms} (also {@code lag.max}, {@code lag.p50}, ...).</li>
 * </ul>
 * Comparisons: {@code < <= > >=}.
 */
public final class Thresholds {

    /** The forms accepted, for error messages and help text. */
    public static final String ACCEPTED_FORMS = "accepted forms: p99<500ms, telemetry.p99<=200ms, max<2s, "
            + "p99.9<1s, errors<0.1%, register.errors<1%, rate>=100/s, telemetry.rate>=50/s, lag.p99<50ms, "
            + "lag.max<1s (latency measures p50 p90 p99 p99.9 max mean in us, ms or s; comparisons < <= > >=)";

    private static final String LAG_SCOPE = "lag";

    private Thresholds() {
    }

    /** What a threshold compares. */
    public enum Measure {
        P50, P90, P99, P999, MAX, MEAN, ERRORS, RATE;

        boolean isLatency() {
            return this != ERRORS && this != RATE;
        }
    }

    /** How it compares. */
    public enum Comparison {
        LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double measured, double limit) {
            return switch (this) {
                case LT -> measured < limit;
                case LE -> measured <= limit;
                case GT -> measured > limit;
                case GE -> measured >= limit;
            };
        }

        /** For "must hold for every kind": the kind to show is the one closest to breaking it. */
        boolean wantsLow() {
            return this == LT || this == LE;
        }
    }

    /**
     * One parsed threshold.
     *
     * @param expression the text as given
     * @param scope      null for all kinds, {@code lag} for the simulator's lag, or an operation kind
     * @param measure    what is compared
     * @param comparison how
     * @param limit      in milliseconds for latencies, as a fraction for errors, per second for rates
     */
    public record Threshold(String expression, String scope, Measure measure, Comparison comparison, double limit) {
        public Threshold {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /** Parses one threshold, or throws {@link IllegalArgumentException} saying what is wrong and what is accepted. */
    public static Threshold parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw bad(String.valueOf(expression), "it is empty");
        }
        String text = expression.strip();
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '>') {
                at = i;
                break;
            }
            if (c == '=' || c == '!') {
                throw bad(expression, "'" + c + "' is not a comparison here; use <, <=, > or >=");
            }
        }
        if (at < 0) {
            throw bad(expression, "it has no comparison (<, <=, > or >=)");
        }
        boolean orEqual = at + 1 < text.length() && text.charAt(at + 1) == '=';
        Comparison comparison = text.charAt(at) == '<' ? (orEqual ? Comparison.LE : Comparison.LT)
                : (orEqual ? Comparison.GE : Comparison.GT);
        String subject = text.substring(0, at).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(at + (orEqual ? 2 : 1)).strip();
        if (subject.isEmpty()) {
            throw bad(expression, "nothing before the comparison; say what is measured (p99, errors, rate, ...)");
        }

        String scope = null;
        String measureName = subject;
        for (String m : List.of("p99.9", "p999", "p50", "p90", "p99", "max", "mean", "errors", "rate")) {
            if (subject.equals(m)) {
                measureName = m;
                scope = null;
                break;
            }
            if (subject.endsWith("." + m)) {
                measureName = m;
                scope = subject.substring(0, subject.length() - m.length() - 1);
                break;
            }
        }
        Measure measure = switch (measureName) {
            case "p50" -> Measure.P50;
            case "p90" -> Measure.P90;
            case "p99" -> Measure.P99;
            case "p99.9", "p999" -> Measure.P999;
            case "max" -> Measure.MAX;
            case "mean" -> Measure.MEAN;
            case "errors" -> Measure.ERRORS;
            case "rate" -> Measure.RATE;
            default -> throw bad(expression, "'" + subject + "' is not something measured; measures are "
                    + "p50 p90 p99 p99.9 max mean errors rate, optionally after an operation kind or 'lag.'");
        };
        if (scope != null && !scope.matches("[a-z][a-z0-9-]*")) {
            throw bad(expression, "'" + scope + "' is not an operation kind (lower-case letters, digits, dashes)");
        }
        if (LAG_SCOPE.equals(scope) && !measure.isLatency()) {
            throw bad(expression, "the simulator's lag has latency measures only (lag.p99, lag.max, ...), not "
                    + measureName);
        }
        return new Threshold(expression, scope, measure, comparison, parseLimit(expression, measure, value));
    }

    private static double parseLimit(String expression, Measure measure, String value) {
        int i = 0;
        while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
            i++;
        }
        String number = value.substring(0, i);
        String unit = value.substring(i).strip();
        double n;
        try {
            n = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw bad(expression, "'" + value + "' does not start with a number");
        }
        if (measure.isLatency()) {
            return switch (unit) {
                case "us" -> n / 1000;
                case "ms" -> n;
                case "s" -> n * 1000;
                case "" -> throw bad(expression, "a latency needs a unit: us, ms or s (for example 500ms)");
                default -> throw bad(expression, "'" + unit + "' is not a latency unit; use us, ms or s");
            };
        }
        if (measure == Measure.ERRORS) {
            if (!unit.equals("%")) {
                throw bad(expression, "an error rate is a percentage, for example errors<0.1%");
            }
            return n / 100;
        }
        if (!unit.equals("/s")) {
            throw bad(expression, "a rate is in operations per second, for example rate>=100/s");
        }
        return n;
    }

    private static IllegalArgumentException bad(String expression, String what) {
        return new IllegalArgumentException("bad threshold '" + expression + "': " + what + "; " + ACCEPTED_FORMS);
    }

    /** Parses and judges each expression against the report (its own thresholds are ignored). */
    public static List<ThresholdResult> evaluate(List<String> expressions, RunReport report) {
        List<ThresholdResult> results = new ArrayList<>();
        for (String e : expressions) {
            results.add(evaluate(parse(e), report));
        }
        return results;
    }

    /** Judges one threshold. */
    public static ThresholdResult evaluate(Threshold t, RunReport report) {
        if (LAG_SCOPE.equals(t.scope())) {
            Percentiles figures = report.simulator().lag();
            if (figures == null) {
                return new ThresholdResult(t.expression(), false, "no lag figures in this report");
            }
            double lag = latency(t.measure(), figures);
            return new ThresholdResult(t.expression(), t.comparison().holds(lag, t.limit()), ms(lag) + " lag");
        }
        List<OperationReport> ops = report.operations();
        if (t.scope() != null) {
            OperationReport op = ops.stream().filter(o -> o.kind().equals(t.scope())).findFirst().orElse(null);
            if (op == null) {
                return new ThresholdResult(t.expression(), false, "no operations of kind '" + t.scope()
                        + "' in this run");
            }
            double v = measure(t.measure(), op, report.durationMillis());
            return new ThresholdResult(t.expression(), t.comparison().holds(v, t.limit()), format(t.measure(), v));
        }
        if (ops.isEmpty()) {
            return new ThresholdResult(t.expression(), false, "no operations in this run");
        }
        if (t.measure() == Measure.ERRORS || t.measure() == Measure.RATE) {
            long sent = ops.stream().mapToLong(OperationReport::sent).sum();
            long failed = ops.stream().mapToLong(OperationReport::failed).sum();
            double v = t.measure() == Measure.ERRORS ? (sent == 0 ? 0 : (double) failed / sent)
                    : sent / (report.durationMillis() / 1000.0);
            return new ThresholdResult(t.expression(), t.comparison().holds(v, t.limit()), format(t.measure(), v));
        }
        // A latency threshold without a kind must hold for every kind that answered; show the one nearest to
        // breaking it.
        OperationReport worst = null;
        double worstValue = 0;
        for (OperationReport op : ops) {
            if (op.latency().count() == 0) {
                continue;
            }
            double v = measure(t.measure(), op, report.durationMillis());
            if (worst == null || (t.comparison().wantsLow() ? v > worstValue : v < worstValue)) {
                worst = op;
                worstValue = v;
            }
        }
        if (worst == null) {
            return new ThresholdResult(t.expression(), false, "no operation was answered");
        }
        return new ThresholdResult(t.expression(), t.comparison().holds(worstValue, t.limit()),
                format(t.measure(), worstValue) + " (" + worst.kind() + ")");
    }

    /** A latency measure of a set of percentiles (the run's lag, or an operation kind's latency). */
    private static double latency(Measure m, Percentiles p) {
        return switch (m) {
            case P50 -> p.p50Ms();
            case P90 -> p.p90Ms();
            case P99 -> p.p99Ms();
            case P999 -> p.p999Ms();
            case MAX -> p.maxMs();
            case MEAN -> p.meanMs();
            case ERRORS, RATE -> throw new IllegalArgumentException(m + " is not a latency");
        };
    }

    private static double measure(Measure m, OperationReport op, long durationMillis) {
        return switch (m) {
            case ERRORS -> op.errorRate();
            case RATE -> op.sent() / (durationMillis / 1000.0);
            default -> latency(m, op.latency());
        };
    }

    private static String format(Measure m, double v) {
        return switch (m) {
            case ERRORS -> String.format(Locale.ROOT, "%.3f%%", v * 100);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", v);
            default -> ms(v);
        };
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }
}
