package org.fogledger.ledger.consensus;

/**
 * Round durations: exponential backoff after consecutive rounds that ended in a timeout, capped, and back to the base
 * as soon as a round ends with a certified block.
 */
public final class RoundTimeouts {
    private final long baseMillis;
    private final long maxMillis;

    public RoundTimeouts(long baseMillis, long maxMillis) {
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    /** Duration of a round entered after {@code consecutiveTimeouts} rounds in a row that timed out. */
    public long durationAfter(int consecutiveTimeouts) {
        long duration = baseMillis;
        for (int i = 0; i < consecutiveTimeouts && duration < maxMillis; i++) {
            duration *= 2;
        }
        return Math.min(duration, maxMillis);
    }
}
