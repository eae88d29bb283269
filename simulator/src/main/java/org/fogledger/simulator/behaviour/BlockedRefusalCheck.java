package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.fogledger.simulator.report.CheckResult;

/**
 * Every device the ledger blocked (declared stolen, blocked by an agent's decision, obsolete) is really refused by
 * the gateway. Devices are offered as they become blocked, with the session they had open then, if any; at the end a
 * sample of them is probed: a correctly signed hello must be refused (no new session), and a correctly signed reading
 * in the old session must be refused too (the gateway closed it when the ledger blocked the device). Probes made
 * during the run count too.
 */
final class BlockedRefusalCheck {
    static final String NAME = "every blocked device is refused by the gateway";

    /** What a probe of one device found: refused (as it should be) or admitted, with the gateway's words. */
    record Probe(boolean refused, String detail) {
    }

    /** A device the ledger blocked, and the session it had open at the gateway then (or null). */
    record Blocked(int device, DeviceSessions.Session session) {
    }

    private final Reservoir<Blocked> blocked;
    private final CheckTally tally = new CheckTally(NAME);

    BlockedRefusalCheck(int sample, long seed) {
        this.blocked = new Reservoir<>(sample, seed);
    }

    /** A device the ledger now blocks, and the session it had open, or null. */
    void blocked(int device, DeviceSessions.Session session) {
        blocked.offer(new Blocked(device, session));
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
    CheckResult verify(Function<Blocked, CompletionStage<Probe>> probe, IntFunction<String> ids, Duration timeout) {
        List<Blocked> sample = blocked.sample();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Blocked device : sample) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                probed(ids.apply(device.device()), probe.apply(device).toCompletableFuture().get(left, TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                // No answer is not an admission; it is not a pass either: counted as a violation, described.
                tally.violated(ids.apply(device.device()) + ": the probe got no answer: " + cause);
            }
        }
        return tally.result();
    }

    static CompletionStage<Probe> failedProbe(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
