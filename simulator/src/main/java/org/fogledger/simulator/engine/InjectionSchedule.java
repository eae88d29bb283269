package org.fogledger.simulator.engine;

import java.util.List;

import org.fogledger.simulator.scenario.InjectionStep;

/**
 * Turns a workload's injection steps into the intended send time of each operation, in nanoseconds from the
 * workload's start. Pure and deterministic: the same steps give the same times, and nothing is stored per
 * arrival, so a profile of a hundred million arrivals costs a few fields.
 *
 * <p>The steps define a cumulative arrival curve N(t): the integral of the rate, which rises linearly within a
 * constant step and quadratically within a ramp, plus a jump of n at each {@code atOnce(n)}. Arrival k (k = 1, 2,
 * ...) is sent when N(t) reaches k - 1/2, so a constant rate r sends at 0.5/r, 1.5/r, ... (evenly spaced,
 * centred in their slots), a ramp's arrivals follow its rate exactly (the quadratic is solved, not sampled), and
 * the arrivals before any time t number round(N(t)). The curve runs on across steps, so fractions of an arrival
 * are carried from one step to the next instead of being rounded per step.
 *
 * <p>Not thread-safe: one schedule is read by one scheduler thread; {@link #countUntil} is safe from any thread
 * (it reads only the immutable steps).
 */
public final class InjectionSchedule {

    /** Returned by {@link #nextNanos()} once every arrival was given out. */
    public static final long DONE = -1;

    private final InjectionStep[] steps;
    private final long[] startNanos;
    private final double[] arrivalsBefore;
    private final long lengthNanos;
    private final long total;

    private int step;
    private long next = 1;

    public InjectionSchedule(List<InjectionStep> steps) {
        this.steps = steps.toArray(InjectionStep[]::new);
        this.startNanos = new long[this.steps.length];
        this.arrivalsBefore = new double[this.steps.length];
        long t = 0;
        double n = 0;
        for (int i = 0; i < this.steps.length; i++) {
            startNanos[i] = t;
            arrivalsBefore[i] = n;
            t = Math.addExact(t, this.steps[i].duration().toNanos());
            n += this.steps[i].integral();
        }
        this.lengthNanos = t;
        this.total = (long) Math.floor(n + 0.5);
    }

    /** How long the profile lasts, in nanoseconds. */
    public long lengthNanos() {
        return lengthNanos;
    }

    /** How many arrivals the whole profile makes: round(N(end)). */
    public long totalArrivals() {
        return total;
    }

    /**
     * The intended send time of the next arrival, in nanoseconds from the start, or {@link #DONE}. Times never
     * decrease; several arrivals may share one time (an {@code atOnce} step).
     */
    public long nextNanos() {
        while (step < steps.length) {
            InjectionStep s = steps[step];
            double local = (next - 0.5) - arrivalsBefore[step];
            // The last step gives out whatever the total still owes: the total is rounded from the sum of the
            // integrals, and the subtraction above can land an ulp past the last step's integral (0→1/s for 4.999 s
            // then 0→1/s for 1 ms: total 3, third arrival at 2.5 + 1e-16).
            boolean last = step == steps.length - 1;
            if (next <= total && (local <= s.integral() || last)) {
                next++;
                return startNanos[step] + offsetWithin(s, Math.min(local, s.integral()));
            }
            step++;
        }
        return DONE;
    }

    /**
     * How many arrivals are due at or before {@code nanos} from the start: round(N(nanos)). Agrees with the times
     * {@link #nextNanos()} gives out to within one arrival at the exact instant of an arrival (both are computed in
     * floating point).
     */
    public long countUntil(long nanos) {
        if (nanos < 0) {
            return 0;
        }
        double n = 0;
        for (int i = 0; i < steps.length; i++) {
            InjectionStep s = steps[i];
            long start = startNanos[i];
            long length = s.duration().toNanos();
            if (start > nanos) {
                break;
            }
            if (nanos >= start + length) {
                n = arrivalsBefore[i] + s.integral();
            } else {
                double x = (nanos - start) / 1e9;
                double slope = (s.endRate() - s.startRate()) / (length / 1e9);
                n = arrivalsBefore[i] + s.burst() + s.startRate() * x + slope * x * x / 2;
                break;
            }
        }
        return Math.min(total, (long) Math.floor(n + 0.5));
    }

    /** Nanoseconds into step {@code s} at which its cumulative arrivals reach {@code local}. */
    private static long offsetWithin(InjectionStep s, double local) {
        double x = local - s.burst();
        long length = s.duration().toNanos();
        if (x <= 0 || length == 0) {
            return 0;
        }
        double seconds = length / 1e9;
        double a = s.startRate();
        double slope = (s.endRate() - a) / seconds;
        // Solve a*t + slope*t^2/2 = x for t >= 0 in the form that stays exact when slope is 0 or tiny
        // (no cancellation): t = 2x / (a + sqrt(a^2 + 2*slope*x)).
        double disc = Math.max(0, a * a + 2 * slope * x);
        double denominator = a + Math.sqrt(disc);
        if (denominator <= 0) {
            return length;
        }
        long t = Math.round(2 * x / denominator * 1e9);
        return Math.min(Math.max(t, 0), length);
    }
}
