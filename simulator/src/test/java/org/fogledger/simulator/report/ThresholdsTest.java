package org.fogledger.simulator.report;

import java.util.List;

import org.fogledger.simulator.report.Thresholds.Comparison;
import org.fogledger.simulator.report.Thresholds.Measure;
import org.fogledger.simulator.report.Thresholds.Threshold;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdsTest {

    private static final RunReport REPORT = SampleReports.sample(List.of());

    @Test
    void the_accepted_forms_parse_into_canonical_units() {
        assertEquals(new Threshold("p99<500ms", null, Measure.P99, Comparison.LT, 500), Thresholds.parse("p99<500ms"));
        assertEquals(new Threshold("telemetry.p99<=0.2s", "telemetry", Measure.P99, Comparison.LE, 200),
                Thresholds.parse("telemetry.p99<=0.2s"));
        assertEquals(new Threshold("errors<0.1%", null, Measure.ERRORS, Comparison.LT, 0.001),
                Thresholds.parse("errors<0.1%"));
        assertEquals(new Threshold("register.errors<1%", "register", Measure.ERRORS, Comparison.LT, 0.01),
                Thresholds.parse("register.errors<1%"));
        assertEquals(new Threshold("rate>=100/s", null, Measure.RATE, Comparison.GE, 100),
                Thresholds.parse("rate>=100/s"));
        assertEquals(new Threshold("lag.p99<50ms", "lag", Measure.P99, Comparison.LT, 50),
                Thresholds.parse("lag.p99<50ms"));
        assertEquals(new Threshold("consent-grant.p99.9 < 750us", "consent-grant", Measure.P999, Comparison.LT, 0.75),
                Thresholds.parse("consent-grant.p99.9 < 750us"));
        assertEquals(Measure.MAX, Thresholds.parse("max>1ms").measure());
        assertEquals(Comparison.GT, Thresholds.parse("max>1ms").comparison());
    }

    @Test
    void a_bad_expression_says_what_is_wrong_and_lists_the_accepted_forms() {
        assertBad("p99 500ms", "it has no comparison");
        assertBad("p99<500", "a latency needs a unit: us, ms or s");
        assertBad("p99<500kg", "'kg' is not a latency unit");
        assertBad("errors<0.1", "an error rate is a percentage");
        assertBad("rate>100", "a rate is in operations per second");
        assertBad("p98<1s", "'p98' is not something measured");
        assertBad("lag.errors<1%", "the simulator's lag has latency measures only");
        assertBad("p99==1s", "'=' is not a comparison here");
        assertBad("p99<fast", "'fast' does not start with a number");
        assertBad("<1s", "nothing before the comparison");
        assertBad("Tele metry.p99<1s", "is not an operation kind");
        assertBad("", "it is empty");
    }

    private static void assertBad(String expression, String what) {
        String message = assertThrows(IllegalArgumentException.class, () -> Thresholds.parse(expression)).getMessage();
        assertTrue(message.startsWith("bad threshold '" + expression + "': "), message);
        assertTrue(message.contains(what), message);
        assertTrue(message.contains("accepted forms: p99<500ms"), message);
    }

    @Test
    void latency_without_a_kind_must_hold_for_every_kind_and_shows_the_worst() {
        assertEquals(new ThresholdResult("p99<500ms", true, "412.3 ms (telemetry)"), judge("p99<500ms"));
        assertEquals(new ThresholdResult("p99<400ms", false, "412.3 ms (telemetry)"), judge("p99<400ms"));
        // For a lower bound the kind nearest to breaking it is the fastest.
        assertEquals(new ThresholdResult("p50>=50ms", false, "10.1 ms (telemetry)"), judge("p50>=50ms"));
        assertEquals(new ThresholdResult("register.p50>=50ms", true, "75.0 ms"), judge("register.p50>=50ms"));
    }

    @Test
    void errors_rate_and_lag_are_judged() {
        // 10 failed of 3200 sent, over 2 s.
        assertEquals(new ThresholdResult("errors<0.1%", false, "0.313%"), judge("errors<0.1%"));
        assertEquals(new ThresholdResult("errors<1%", true, "0.313%"), judge("errors<1%"));
        assertEquals(new ThresholdResult("register.errors<0.1%", true, "0.000%"), judge("register.errors<0.1%"));
        assertEquals(new ThresholdResult("rate>=1600/s", true, "1600.0/s"), judge("rate>=1600/s"));
        assertEquals(new ThresholdResult("telemetry.rate>1500/s", false, "1500.0/s"), judge("telemetry.rate>1500/s"));
        assertEquals(new ThresholdResult("lag.p99<2ms", false, "2.5 ms lag"), judge("lag.p99<2ms"));
        assertEquals(new ThresholdResult("lag.max<50ms", true, "31.0 ms lag"), judge("lag.max<50ms"));
    }

    @Test
    void a_kind_that_did_not_run_misses_its_threshold() {
        assertEquals(new ThresholdResult("churn.p99<1s", false, "no operations of kind 'churn' in this run"),
                judge("churn.p99<1s"));
    }

    private static ThresholdResult judge(String expression) {
        return Thresholds.evaluate(List.of(expression), REPORT).get(0);
    }
}
