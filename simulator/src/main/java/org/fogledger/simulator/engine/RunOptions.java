package org.fogledger.simulator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.fogledger.simulator.report.CheckResult;

/**
 * How the engine runs a scenario, apart from the scenario itself.
 *
 * @param target           what is driven, for the report: {@code embedded} or a cluster's address
 * @param maxInFlight      the most operations waiting for an answer at once; an arrival beyond it is shed (not
 *                         started, counted) and the run is marked untrusted, so a stuck system never makes the
 *                         simulator hold unbounded memory or wait
 * @param operationTimeout how long an operation may wait for its answer before it counts as failed ("timeout")
 * @param trust            when the simulator's own lateness makes the figures untrustworthy
 * @param extraAsserts     thresholds added to the scenario's own (the command line's {@code --assert})
 * @param checks           the correctness checks' results, asked for once after the last answer came in
 */
public record RunOptions(String target, int maxInFlight, Duration operationTimeout, TrustBounds trust,
                         List<String> extraAsserts, Supplier<List<CheckResult>> checks) {

    public RunOptions {
        Objects.requireNonNull(target, "target");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("operationTimeout must be positive, got " + operationTimeout);
        }
        Objects.requireNonNull(trust, "trust");
        extraAsserts = List.copyOf(extraAsserts);
        Objects.requireNonNull(checks, "checks");
    }

    /** 100,000 in flight, 10 s timeout, the default trust bounds, no extra thresholds, no checks. */
    public static RunOptions defaults(String target) {
        return new RunOptions(target, 100_000, Duration.ofSeconds(10), TrustBounds.DEFAULT, List.of(), List::of);
    }

    public RunOptions withMaxInFlight(int max) {
        return new RunOptions(target, max, operationTimeout, trust, extraAsserts, checks);
    }

    public RunOptions withOperationTimeout(Duration timeout) {
        return new RunOptions(target, maxInFlight, timeout, trust, extraAsserts, checks);
    }

    public RunOptions withTrust(TrustBounds bounds) {
        return new RunOptions(target, maxInFlight, operationTimeout, bounds, extraAsserts, checks);
    }

    public RunOptions withExtraAsserts(List<String> asserts) {
        return new RunOptions(target, maxInFlight, operationTimeout, trust, asserts, checks);
    }

    public RunOptions withChecks(Supplier<List<CheckResult>> source) {
        return new RunOptions(target, maxInFlight, operationTimeout, trust, extraAsserts, source);
    }
}
