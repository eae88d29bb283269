package org.fogledger.simulator.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation waiting for its answer. It is settled exactly once, by its answer or by its timeout, whichever
 * comes first; a later answer is ignored. Only in-flight operations exist: once settled nothing refers to it.
 */
final class Operation extends AtomicBoolean {

    private static final long serialVersionUID = 1L;

    private final KindMeter meter;
    private final long originNanos;
    private final Runnable onSettled;
    private volatile Future<?> timeout;

    Operation(KindMeter meter, long originNanos, Runnable onSettled) {
        this.meter = meter;
        this.originNanos = originNanos;
        this.onSettled = onSettled;
    }

    void timeoutTask(Future<?> task) {
        this.timeout = task;
        if (get()) {
            task.cancel(false);
        }
    }

    void answered(Outcome outcome, Throwable error) {
        settle(error != null ? failure(error) : outcome != null ? outcome
                : new Outcome.Failed("no-outcome", "the behaviour's answer was null"));
    }

    void timedOut() {
        settle(new Outcome.Failed("timeout", "no answer within the operation timeout"));
    }

    void settle(Outcome outcome) {
        if (!compareAndSet(false, true)) {
            return;
        }
        long latency = System.nanoTime() - originNanos;
        Future<?> task = timeout;
        if (task != null) {
            task.cancel(false);
        }
        meter.record(outcome, latency);
        onSettled.run();
    }

    static Outcome.Failed failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new Outcome.Failed("timeout", String.valueOf(cause.getMessage()));
        }
        if (cause instanceof CancellationException) {
            return new Outcome.Failed("cancelled", "the operation was cancelled");
        }
        return new Outcome.Failed("exception:" + cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
    }
}
