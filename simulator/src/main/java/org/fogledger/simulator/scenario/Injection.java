package org.fogledger.simulator.scenario;

import java.time.Duration;

/**
 * The injection steps of the Java DSL, named as in Gatling:
 * {@code constantRate(50).during(ofSeconds(30))}, {@code rampRate(10).to(100).during(ofSeconds(20))},
 * {@code spike(500).during(ofSeconds(2))}, {@code nothingFor(ofSeconds(5))}, {@code atOnce(100)}.
 */
public final class Injection {

    private Injection() {
    }

    public static InjectionStep.NothingFor nothingFor(Duration duration) {
        return new InjectionStep.NothingFor(duration);
    }

    public static InjectionStep.AtOnce atOnce(int n) {
        return new InjectionStep.AtOnce(n);
    }

    public static Constant constantRate(double perSecond) {
        return new Constant(perSecond);
    }

    public static Ramp rampRate(double from) {
        return new Ramp(from);
    }

    public static SpikeRate spike(double perSecond) {
        return new SpikeRate(perSecond);
    }

    /** A constant rate waiting for its duration. */
    public record Constant(double perSecond) {
        public InjectionStep.ConstantRate during(Duration duration) {
            return new InjectionStep.ConstantRate(perSecond, duration);
        }
    }

    /** A ramp waiting for its end rate. */
    public record Ramp(double from) {
        public RampTo to(double to) {
            return new RampTo(from, to);
        }
    }

    /** A ramp waiting for its duration. */
    public record RampTo(double from, double to) {
        public InjectionStep.RampRate during(Duration duration) {
            return new InjectionStep.RampRate(from, to, duration);
        }
    }

    /** A spike waiting for its duration. */
    public record SpikeRate(double perSecond) {
        public InjectionStep.Spike during(Duration duration) {
            return new InjectionStep.Spike(perSecond, duration);
        }
    }
}
