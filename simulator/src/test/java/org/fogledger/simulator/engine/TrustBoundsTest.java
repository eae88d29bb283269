package org.fogledger.simulator.engine;

import org.fogledger.simulator.report.Percentiles;
import org.fogledger.simulator.report.Trust;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustBoundsTest {

    private static Percentiles lag(double p99, double max) {
        return new Percentiles(1000, p99 / 2, p99 / 4, p99 / 2, p99, max, max);
    }

    @Test
    void small_lag_against_the_latencies_is_trusted() {
        Trust t = TrustBounds.DEFAULT.judge(lag(3, 8), 40, 0, 0, 0);
        assertTrue(t.trustworthy(), t.reason());
        // Below the floor, a fast system is not judged by the timer's resolution.
        assertTrue(TrustBounds.DEFAULT.judge(lag(4, 8), 1, 0, 0, 0).trustworthy());
    }

    @Test
    void lag_above_the_absolute_bound_or_the_share_of_latency_is_not() {
        Trust absolute = TrustBounds.DEFAULT.judge(lag(150, 400), 5000, 0, 0, 7);
        assertFalse(absolute.trustworthy());
        assertTrue(absolute.reason().contains("p99 lag 150.0 ms is above 100 ms"), absolute.reason());
        assertTrue(absolute.reason().contains("at worst 7 sends were overdue at once"), absolute.reason());
        Trust share = TrustBounds.DEFAULT.judge(lag(20, 30), 100, 0, 0, 0);
        assertFalse(share.trustworthy());
        assertTrue(share.reason().contains("more than 10% of the p99 latency 100.0 ms"), share.reason());
    }

    @Test
    void shed_or_missed_arrivals_are_not() {
        assertTrue(TrustBounds.DEFAULT.judge(lag(1, 1), 50, 3, 0, 0).reason().contains("3 arrivals were shed"));
        assertTrue(TrustBounds.DEFAULT.judge(lag(1, 1), 50, 0, 9, 0).reason().contains("9 arrivals were never started"));
    }
}
