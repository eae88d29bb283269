package org.fogledger.simulator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.fogledger.simulator.report.Percentiles;
import org.fogledger.simulator.report.Trust;

/**
 * When a run's figures stop describing the system under test. Latency is measured from each operation's intended
 * send time, so when the simulator starts operations late its own lateness ends up in the latencies; a little is
 * harmless (timer resolution, a GC pause), but once it is a fair share of what is measured the report must say the
 * simulator was the bottleneck.
 *
 * @param maxLagP99        p99 lag above this is untrusted whatever the latencies
 * @param maxShareOfP99    p99 lag above this share of the worst kind's p99 latency is untrusted ...
 * @param ignoredLag       ... unless it is below this floor (a sub-millisecond system must not be judged by the
 *                         scheduler's timer resolution)
 */
public record TrustBounds(Duration maxLagP99, double maxShareOfP99, Duration ignoredLag) {

    /** 100 ms, 10 %, 5 ms. */
    public static final TrustBounds DEFAULT = new TrustBounds(Duration.ofMillis(100), 0.10, Duration.ofMillis(5));

    /**
     * Judges a run.
     *
     * @param lag           the simulator's lateness over the whole run
     * @param worstP99Ms    the largest p99 latency of any operation kind
     * @param shed          arrivals not started because too many operations were in flight
     * @param missed        arrivals never started because the run ended while the simulator was behind
     * @param maxBehind     the most sends that were overdue at once
     */
    public Trust judge(Percentiles lag, double worstP99Ms, long shed, long missed, long maxBehind) {
        List<String> reasons = new ArrayList<>();
        if (shed > 0) {
            reasons.add(shed + " arrivals were shed because the in-flight limit was reached (the system's answers, "
                    + "not the schedule, set the pace)");
        }
        if (missed > 0) {
            reasons.add(missed + " arrivals were never started: the simulator was still behind its schedule when "
                    + "the run ended");
        }
        double limit = maxLagP99.toNanos() / 1e6;
        double floor = ignoredLag.toNanos() / 1e6;
        if (lag.p99Ms() > limit) {
            reasons.add(String.format(Locale.ROOT, "it started operations late: p99 lag %.1f ms is above %.0f ms",
                    lag.p99Ms(), limit));
        } else if (lag.p99Ms() > floor && lag.p99Ms() > maxShareOfP99 * worstP99Ms) {
            reasons.add(String.format(Locale.ROOT,
                    "it started operations late: p99 lag %.1f ms is more than %.0f%% of the p99 latency %.1f ms",
                    lag.p99Ms(), maxShareOfP99 * 100, worstP99Ms));
        }
        if (reasons.isEmpty()) {
            return new Trust(true, String.format(Locale.ROOT,
                    "the simulator kept to its schedule (p99 lag %.1f ms, max %.1f ms, nothing shed)",
                    lag.p99Ms(), lag.maxMs()));
        }
        return new Trust(false, "The simulator was the bottleneck, so these figures describe it, not the system: "
                + String.join("; ", reasons) + (maxBehind > 0 ? "; at worst " + maxBehind
                + " sends were overdue at once" : "") + ".");
    }
}
