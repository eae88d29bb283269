package org.fogledger.simulator.engine;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small real systems under test, in the JVM: each answers in its own way, with real threads and real time. */
final class TestBehaviours {

    private TestBehaviours() {
    }

    /** A system that answers every operation after a fixed delay, from its own scheduler thread. */
    static final class Delayed implements Behaviour, AutoCloseable {
        private final String kind;
        private final long delayMillis;
        private final ScheduledExecutorService system = Executors.newSingleThreadScheduledExecutor();

        Delayed(String kind, long delayMillis) {
            this.kind = kind;
            this.delayMillis = delayMillis;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            CompletableFuture<Outcome> answer = new CompletableFuture<>();
            system.schedule(() -> answer.complete(Outcome.OK), delayMillis, TimeUnit.MILLISECONDS);
            return answer;
        }

        @Override
        public void close() {
            system.shutdownNow();
        }
    }

    /**
     * A synchronous client of a system that freezes once: the {@code stallAt}-th call blocks for {@code stallMillis}
     * (as a blocking client does while its server is stuck), every other call answers at once. The simulator's
     * scheduler is held up with it, so the sends intended during the freeze all go out late, after it.
     */
    static final class StallsOnce implements Behaviour {
        private final int stallAt;
        private final long stallMillis;
        private final AtomicInteger calls = new AtomicInteger();

        StallsOnce(int stallAt, long stallMillis) {
            this.stallAt = stallAt;
            this.stallMillis = stallMillis;
        }

        @Override
        public String kind() {
            return "telemetry";
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            if (calls.incrementAndGet() == stallAt) {
                sleep(stallMillis);
            }
            return CompletableFuture.completedFuture(Outcome.OK);
        }
    }

    /** A behaviour whose start() itself is slow: the simulator, not the system, is the bottleneck. */
    static final class SlowToStart implements Behaviour {
        private final long millis;

        SlowToStart(long millis) {
            this.millis = millis;
        }

        @Override
        public String kind() {
            return "register";
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            sleep(millis);
            return CompletableFuture.completedFuture(Outcome.OK);
        }
    }

    /** A system that never answers. */
    static final class Silent implements Behaviour {
        @Override
        public String kind() {
            return "data-request";
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            return new CompletableFuture<>();
        }
    }

    /** Cycles through the ways an operation can end: ok, skipped, failed, throwing, failing its future. */
    static final class EveryOutcome implements Behaviour {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String kind() {
            return "consent-grant";
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            return switch (calls.getAndIncrement() % 5) {
                case 0 -> CompletableFuture.completedFuture(Outcome.OK);
                case 1 -> CompletableFuture.completedFuture(new Outcome.Skipped("no device ready"));
                case 2 -> CompletableFuture.completedFuture(new Outcome.Failed("refused:not-registered", "device 7"));
                case 3 -> throw new IllegalStateException("broken behaviour");
                default -> CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
            };
        }
    }

    /** Records the first number of each operation's random source, to show runs with one seed choose alike. */
    static final class RecordsRandom implements Behaviour {
        final List<Long> seen = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "telemetry";
        }

        @Override
        public CompletionStage<Outcome> start(SplittableRandom random) {
            seen.add(random.nextLong());
            return CompletableFuture.completedFuture(Outcome.OK);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
