package org.fogledger.cluster.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Contract reads (and dry runs) through one API node never go back in time: once the node has answered from height
 * h (a read, or a receipt of a transaction committed through it), a later answer from below h is asked again of the
 * next validator. Without it, a client that registers a device and reads it back could be told "not registered" by
 * a validator a block behind (reads go round-robin), a cached ETag could seem to vanish, and a dry run could
 * approve what was just committed.
 *
 * <p>At most one try per known validator; if none has caught up, the most recent answer is returned (its height is
 * in the {@code X-FogLedger-Height} header). Validators follow each other within milliseconds, so a second try is
 * rare. A refusal that ran nothing (height -1) is answered as it is.
 */
final class MonotonicReads {
    private final IntSupplier validators;
    private final AtomicLong highest = new AtomicLong(-1);

    /** @param validators how many validators the client knows now (the most tries a read gets) */
    MonotonicReads(IntSupplier validators) {
        this.validators = validators;
    }

    /** This node has seen the ledger at {@code height} (a receipt, or an answer). */
    void saw(long height) {
        highest.accumulateAndGet(height, Math::max);
    }

    long highest() {
        return highest.get();
    }

    /**
     * Asks with {@code ask} (each call goes to the next validator) until an answer is at or above the highest height
     * seen so far, at most once per validator; answers the most recent one.
     */
    <T> CompletionStage<T> newest(Supplier<CompletionStage<T>> ask, ToLongFunction<T> heightOf) {
        return attempt(ask, heightOf, highest.get(), Math.max(1, validators.getAsInt()), null);
    }

    private <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> ask, ToLongFunction<T> heightOf, long floor,
                                           int triesLeft, T best) {
        return ask.get().thenCompose(answer -> {
            long height = heightOf.applyAsLong(answer);
            if (height < 0) {
                return CompletableFuture.completedFuture(answer);
            }
            T newest = best == null || height > heightOf.applyAsLong(best) ? answer : best;
            long newestHeight = heightOf.applyAsLong(newest);
            if (newestHeight >= floor || triesLeft <= 1) {
                saw(newestHeight);
                return CompletableFuture.completedFuture(newest);
            }
            return attempt(ask, heightOf, floor, triesLeft - 1, newest);
        });
    }
}
