package org.fogledger.simulator.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a workload's open-model injection profile, as in Gatling's {@code injectOpen}: the steps follow one
 * another, and arrivals never wait for earlier operations to answer. Rates are operations per second across the
 * whole fleet.
 */
public sealed interface InjectionStep {

    /** How long the step lasts (zero for {@link AtOnce}). */
    Duration duration();

    /** Operation rate at the step's start, per second (0 for {@link NothingFor} and {@link AtOnce}). */
    double startRate();

    /** Operation rate at the step's end, per second; between start and end the rate changes linearly. */
    double endRate();

    /** Arrivals that happen at the step's first instant, all together (only {@link AtOnce} has any). */
    default long burst() {
        return 0;
    }

    /** Expected arrivals over the step: the integral of its rate, plus its burst. */
    default double integral() {
        return burst() + (startRate() + endRate()) / 2 * seconds(duration());
    }

    /** A pause: no arrivals for a while. */
    record NothingFor(Duration duration) implements InjectionStep {
        public NothingFor {
            requireNonNegative(duration);
        }

        @Override
        public double startRate() {
            return 0;
        }

        @Override
        public double endRate() {
            return 0;
        }
    }

    /** A steady rate for a while. */
    record ConstantRate(double perSecond, Duration duration) implements InjectionStep {
        public ConstantRate {
            requireRate(perSecond, "rate");
            requireNonNegative(duration);
        }

        @Override
        public double startRate() {
            return perSecond;
        }

        @Override
        public double endRate() {
            return perSecond;
        }
    }

    /** A rate that changes linearly from {@code from} to {@code to} over the step. */
    record RampRate(double from, double to, Duration duration) implements InjectionStep {
        public RampRate {
            requireRate(from, "ramp start rate");
            requireRate(to, "ramp end rate");
            requireNonNegative(duration);
        }

        @Override
        public double startRate() {
            return from;
        }

        @Override
        public double endRate() {
            return to;
        }
    }

    /**
     * A short burst at a high rate. The same arrivals as a {@link ConstantRate}; a separate step so scenarios and
     * reports say what was meant.
     */
    record Spike(double perSecond, Duration duration) implements InjectionStep {
        public Spike {
            requireRate(perSecond, "spike rate");
            requireNonNegative(duration);
        }

        @Override
        public double startRate() {
            return perSecond;
        }

        @Override
        public double endRate() {
            return perSecond;
        }
    }

    /** {@code n} arrivals at the same instant. */
    record AtOnce(int n) implements InjectionStep {
        public AtOnce {
            if (n < 0) {
                throw new IllegalArgumentException("atOnce must not be negative, got " + n);
            }
        }

        @Override
        public Duration duration() {
            return Duration.ZERO;
        }

        @Override
        public double startRate() {
            return 0;
        }

        @Override
        public double endRate() {
            return 0;
        }

        @Override
        public long burst() {
            return n;
        }
    }

    private static void requireRate(double rate, String what) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be a finite number of operations per second, at least 0, got "
                    + rate);
        }
    }

    private static void requireNonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a step's duration must not be negative, got " + duration);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
