package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.fogledger.simulator.report.CheckResult;

/**
 * Every device the ledger blocked (declared stolen, blocked by an agent's decision, obsolete) is really refused by
 * the gateway. Devices are offered as they become blocked; at the end a sample of them is probed (a correctly signed
 * hello, which a gateway must refuse), and probes made during the run count too.
 */
final class BlockedRefusalCheck {
    static final String NAME = "every blocked device is refused by the gateway";

    /** What a probe of one device found: refused (as it should be) or admitted, with the gateway's words. */
    record Probe(boolean refused, String detail) {
    }

    private final Reservoir<Integer> blocked;
    private final CheckTally tally = new CheckTally(NAME);

    BlockedRefusalCheck(int sample, long seed) {
        this.blocked = new Reservoir<>(sample, seed);
    }

    /** A device the ledger now blocks. */
    void blocked(int device) {
        blocked.offer(device);
    }

    /** A probe made during the run. */
    void probed(String deviceId, Probe probe) {
        if (probe.refused()) {
            tally.passed();
        } else {
            tally.violated(deviceId + " is blocked on the ledger but the gateway admitted it: " + probe.detail());
        }
    }

    /** Probes the sampled blocked devices with {@code probe}, and gives the tally of every probe. */
    CheckResult verify(IntFunction<CompletionStage<Probe>> probe, IntFunction<String> ids, Duration timeout) {
        List<Integer> sample = blocked.sample();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int device : sample) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                probed(ids.apply(device), probe.apply(device).toCompletableFuture().get(left, TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                // No answer is not an admission; it is not a pass either: counted as a violation, described.
                tally.violated(ids.apply(device) + ": the probe got no answer: " + cause);
            }
        }
        return tally.result();
    }

    static CompletionStage<Probe> failedProbe(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
