package org.fogledger.simulator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.fogledger.simulator.scenario.InjectionStep;
import org.junit.jupiter.api.Test;

import static org.fogledger.simulator.scenario.Injection.atOnce;
import static org.fogledger.simulator.scenario.Injection.constantRate;
import static org.fogledger.simulator.scenario.Injection.nothingFor;
import static org.fogledger.simulator.scenario.Injection.rampRate;
import static org.fogledger.simulator.scenario.Injection.spike;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionScheduleTest {

    private static final long MS = 1_000_000;

    @Test
    void a_constant_rate_sends_in_the_middle_of_each_slot() {
        assertEquals(List.of(50 * MS, 150 * MS, 250 * MS, 350 * MS, 450 * MS, 550 * MS, 650 * MS, 750 * MS,
                850 * MS, 950 * MS), times(constantRate(10).during(Duration.ofSeconds(1))));
    }

    @Test
    void at_once_sends_together_and_a_pause_shifts_what_follows() {
        assertEquals(List.of(0L, 0L, 0L, 1000 * MS + 250 * MS, 1000 * MS + 750 * MS),
                times(atOnce(3), nothingFor(Duration.ofSeconds(1)), constantRate(2).during(Duration.ofSeconds(1))));
    }

    @Test
    void a_ramp_follows_its_rate_exactly() {
        // Rate 0 -> 10/s over 2 s: N(t) = 2.5 t^2, so arrival k is at sqrt((k - 0.5) / 2.5) seconds.
        List<Long> times = times(rampRate(0).to(10).during(Duration.ofSeconds(2)));
        assertEquals(10, times.size());
        for (int k = 1; k <= 10; k++) {
            double expected = Math.sqrt((k - 0.5) / 2.5) * 1e9;
            assertTrue(Math.abs(times.get(k - 1) - expected) <= 1, "arrival " + k + ": " + times.get(k - 1));
        }
    }

    @Test
    void the_last_arrival_the_total_owes_is_sent_when_rounding_puts_it_an_ulp_past_the_last_step() {
        // Found by InjectionScheduleProperties (seed 1143336477893078875): N(end) = 2.4995 + 0.0005 rounds to 3
        // arrivals, and the third, at N = 2.5, fell just outside the last step's integral and was never sent.
        InjectionSchedule schedule = new InjectionSchedule(List.of(
                new InjectionStep.RampRate(0, 1, Duration.ofMillis(4_999)),
                new InjectionStep.RampRate(0, 1, Duration.ofMillis(1))));
        List<Long> times = new ArrayList<>();
        long t;
        while ((t = schedule.nextNanos()) != InjectionSchedule.DONE) {
            times.add(t);
        }
        assertEquals(schedule.totalArrivals(), times.size(), times::toString);
        assertEquals(3, times.size());
        assertTrue(times.get(2) <= schedule.lengthNanos());
    }

    @Test
    void fractions_of_an_arrival_carry_over_to_the_next_step() {
        // Two steps of half an arrival each make one arrival, not two (per-step rounding would give two).
        List<Long> times = times(constantRate(0.5).during(Duration.ofSeconds(1)),
                constantRate(0.5).during(Duration.ofSeconds(1)));
        assertEquals(List.of(1000 * MS), times);
    }

    @Test
    void a_spike_is_a_short_constant_rate() {
        assertEquals(times(constantRate(1000).during(Duration.ofMillis(50))),
                times(spike(1000).during(Duration.ofMillis(50))));
    }

    @Test
    void the_count_up_to_an_instant_matches_the_times() {
        InjectionSchedule s = new InjectionSchedule(List.of(atOnce(5), rampRate(100).to(0).during(Duration.ofSeconds(1))));
        assertEquals(5, s.countUntil(0));
        // N(0.4 s) = 5 + 100 * 0.4 - 100 * 0.4^2 / 2 = 5 + 32
        assertEquals(5 + 32, s.countUntil(400 * MS));
        assertEquals(5 + 50, s.countUntil(2000 * MS));
    }

    private static List<Long> times(InjectionStep... steps) {
        InjectionSchedule s = new InjectionSchedule(List.of(steps));
        List<Long> out = new ArrayList<>();
        long t;
        while ((t = s.nextNanos()) != InjectionSchedule.DONE) {
            out.add(t);
        }
        return out;
    }
}
