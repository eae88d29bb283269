package org.fogledger.simulator.engine;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.fogledger.simulator.scenario.InjectionStep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionScheduleProperties {

    @Property(tries = 300)
    void arrivals_number_the_integral_of_the_rate_within_one(@ForAll("profiles") List<InjectionStep> steps) {
        InjectionSchedule schedule = new InjectionSchedule(steps);
        double integral = steps.stream().mapToDouble(InjectionStep::integral).sum();
        long count = 0;
        while (schedule.nextNanos() != InjectionSchedule.DONE) {
            count++;
        }
        assertTrue(Math.abs(count - integral) <= 1, "arrivals " + count + " vs integral " + integral);
        assertEquals(schedule.totalArrivals(), count);
    }

    @Property(tries = 300)
    void times_never_decrease_and_stay_within_the_profile(@ForAll("profiles") List<InjectionStep> steps) {
        InjectionSchedule schedule = new InjectionSchedule(steps);
        long previous = 0;
        long t;
        while ((t = schedule.nextNanos()) != InjectionSchedule.DONE) {
            assertTrue(t >= previous, "time went back from " + previous + " to " + t);
            assertTrue(t <= schedule.lengthNanos(), "time " + t + " after the profile's end " + schedule.lengthNanos());
            previous = t;
        }
    }

    @Property(tries = 200)
    void arrivals_up_to_any_instant_follow_the_integral_up_to_it(@ForAll("profiles") List<InjectionStep> steps,
                                                                @ForAll @DoubleRange(min = 0, max = 1) double at) {
        // The schedule's times and its closed-form count agree, so the rate is followed inside each step, not only
        // over the whole profile (a ramp that put its arrivals evenly would fail here).
        InjectionSchedule schedule = new InjectionSchedule(steps);
        long instant = (long) (schedule.lengthNanos() * at);
        long before = 0;
        long t;
        while ((t = schedule.nextNanos()) != InjectionSchedule.DONE && t <= instant) {
            before++;
        }
        long expected = new InjectionSchedule(steps).countUntil(instant);
        assertTrue(Math.abs(before - expected) <= 1, "up to " + instant + "ns: " + before + " arrivals, integral says "
                + expected);
    }

    @Property(tries = 200)
    void a_constant_rate_spaces_arrivals_evenly(@ForAll @DoubleRange(min = 0.5, max = 2000) double rate,
                                                @ForAll @IntRange(min = 1, max = 5) int seconds) {
        InjectionSchedule schedule = new InjectionSchedule(
                List.of(new InjectionStep.ConstantRate(rate, Duration.ofSeconds(seconds))));
        long k = 1;
        long t;
        while ((t = schedule.nextNanos()) != InjectionSchedule.DONE) {
            double expected = (k - 0.5) / rate * 1e9;
            assertTrue(Math.abs(t - expected) <= 1, "arrival " + k + " at " + t + " instead of " + expected);
            k++;
        }
    }

    @Provide
    Arbitrary<List<InjectionStep>> profiles() {
        Arbitrary<Duration> durations = Arbitraries.longs().between(0, 5_000).map(Duration::ofMillis);
        Arbitrary<Double> rates = Arbitraries.doubles().between(0, 500);
        Arbitrary<InjectionStep> nothing = durations.map(InjectionStep.NothingFor::new);
        Arbitrary<InjectionStep> constant = Combinators.combine(rates, durations).as(InjectionStep.ConstantRate::new);
        Arbitrary<InjectionStep> ramp = Combinators.combine(rates, rates, durations).as(InjectionStep.RampRate::new);
        Arbitrary<InjectionStep> spike = Combinators.combine(rates.map(r -> r * 4), durations.map(d -> d.dividedBy(10)))
                .as(InjectionStep.Spike::new);
        Arbitrary<InjectionStep> atOnce = Arbitraries.integers().between(0, 300).map(InjectionStep.AtOnce::new);
        return Arbitraries.oneOf(nothing, constant, ramp, spike, atOnce).list().ofMinSize(1).ofMaxSize(6);
    }
}
