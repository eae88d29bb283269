package org.fogledger.simulator.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.fogledger.simulator.report.CheckResult;
import org.fogledger.simulator.report.LagSample;
import org.fogledger.simulator.report.OperationReport;
import org.fogledger.simulator.report.Percentiles;
import org.fogledger.simulator.report.RunReport;
import org.fogledger.simulator.report.SimulatorFigures;
import org.fogledger.simulator.report.Thresholds;
import org.fogledger.simulator.report.Trust;
import org.fogledger.simulator.scenario.Scenario;
import org.fogledger.simulator.scenario.Workload;

/**
 * Runs a scenario against behaviours and measures it.
 *
 * <p>Open model: one scheduler thread per workload starts each operation at its intended send time (from its
 * {@link InjectionSchedule}) and never waits for answers. Each operation's latency runs from its intended send
 * time to its answer, so when the system stalls, or the simulator itself falls behind, the delay shows in the
 * latencies instead of being hidden in sends that happened late (no coordinated omission). How late the simulator
 * started operations is measured too (its lag); when it is a fair share of what was measured, when arrivals had to
 * be shed because too many operations were in flight, or when the run ended with sends still overdue, the report
 * says the figures cannot be trusted, and why.
 *
 * <p>Memory stays flat: nothing is kept per operation once it is answered; per kind there are a few histograms and
 * one series entry per interval.
 *
 * <p>Usage: {@code RunReport report = ScenarioRunner.run(scenario, behavioursByKind, RunOptions.defaults("embedded"),
 * ConsoleProgress.onStandardOutput());} Call {@link #stop()} from another thread (Ctrl-C) to end the injection
 * early; the report then covers what ran.
 */
public final class ScenarioRunner {

    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The most a scheduler thread parks at once, so {@link #stop()} is seen quickly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Scenario scenario;
    private final RunOptions options;
    private final ProgressListener progress;
    private final LatencyOrigin origin;
    private final List<Driver> drivers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Recorder lagInterval = Latencies.recorder();
    private final Recorder lagSinceProgress = Latencies.recorder();
    private final Recorder allSinceProgress = Latencies.recorder();
    private final Histogram lagWhole = Latencies.histogram();
    private final List<LagSample> lagSeries = new ArrayList<>();
    private final Object drainLock = new Object();
    private final ScheduledThreadPoolExecutor ticker = daemonExecutor("sim-ticker");
    private final ScheduledThreadPoolExecutor timeouts = daemonExecutor("sim-timeouts");
    private final long durationNanos;
    private final long bucketNanos;
    private final long timeoutNanos;

    private final AtomicBoolean ran = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile Thread runThread;
    private volatile RuntimeException tickerFailure;
    private long t0;
    private long buckets;
    private long lastProgressNanos;
    private long maxBehind;
    private long peakHeapUsed;
    private Histogram lagSwap;
    private Histogram progressSwap;
    private Histogram progressLagSwap;

    public ScenarioRunner(Scenario scenario, Map<String, Behaviour> behaviours, RunOptions options,
                          ProgressListener progress) {
        this(scenario, behaviours, options, progress, LatencyOrigin.INTENDED_SEND);
    }

    ScenarioRunner(Scenario scenario, Map<String, Behaviour> behaviours, RunOptions options,
                   ProgressListener progress, LatencyOrigin origin) {
        this.scenario = scenario;
        this.options = options;
        this.progress = progress;
        this.origin = origin;
        this.durationNanos = scenario.duration().toNanos();
        this.bucketNanos = scenario.bucket().toNanos();
        this.timeoutNanos = options.operationTimeout().toNanos();
        List<String> missing = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(scenario.seed());
        for (Workload w : scenario.workloads()) {
            Behaviour b = behaviours.get(w.kind());
            if (b == null) {
                missing.add(w.kind());
                continue;
            }
            if (!b.kind().equals(w.kind())) {
                throw new IllegalArgumentException("the behaviour given for kind " + w.kind() + " says its kind is "
                        + b.kind());
            }
            drivers.add(new Driver(w, b, new KindMeter(w.kind(), allSinceProgress), root.split()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " uses operation kinds with no behaviour: "
                    + missing + "; known kinds: " + new TreeSet<>(behaviours.keySet()));
        }
    }

    /** Runs {@code scenario} to its end and reports it. */
    public static RunReport run(Scenario scenario, Map<String, Behaviour> behaviours, RunOptions options,
                                ProgressListener progress) {
        return new ScenarioRunner(scenario, behaviours, options, progress).run();
    }

    /** Ends the injection early (for Ctrl-C); {@link #run()} then waits for the answers and reports. */
    public void stop() {
        stopRequested = true;
        Thread t = runThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Runs the scenario; blocks until its end and the last answer (or timeout). Call once. */
    public RunReport run() {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("a ScenarioRunner runs once; make a new one for another run");
        }
        runThread = Thread.currentThread();
        // The clock starts once every scheduler thread is up and waiting, so a slow thread start is not counted
        // as the simulator's lag.
        CountDownLatch ready = new CountDownLatch(drivers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Driver d : drivers) {
            Thread t = new Thread(() -> d.runAfter(ready, go), "sim-" + d.meter.kind);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        awaitUninterruptibly(ready);
        Instant startedAt = Instant.now();
        t0 = System.nanoTime();
        lastProgressNanos = t0;
        ticker.scheduleAtFixedRate(guarded(this::closeBucket), bucketNanos, bucketNanos, TimeUnit.NANOSECONDS);
        ticker.scheduleAtFixedRate(guarded(this::tickProgress), PROGRESS_NANOS, PROGRESS_NANOS, TimeUnit.NANOSECONDS);
        go.countDown();
        try {
            for (Thread t : threads) {
                t.join();
            }
            parkUntil(t0 + durationNanos);
            long injected = Math.min(durationNanos, System.nanoTime() - t0);
            awaitAnswers(System.nanoTime() + timeoutNanos + TimeUnit.SECONDS.toNanos(1));
            ticker.shutdown();
            ticker.awaitTermination(1, TimeUnit.MINUTES);
            closeBucket();
            tickProgress(); // the final state, so even a short run shows one progress line
            return report(startedAt, injected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while running scenario " + scenario.name(), e);
        } finally {
            ticker.shutdownNow();
            timeouts.shutdownNow();
            progress.onFinished();
        }
    }

    /** Starts one operation (scheduler thread). */
    private void launch(Driver d, long intended, long now) {
        long lag = Latencies.micros(now - intended);
        lagInterval.recordValue(lag);
        lagSinceProgress.recordValue(lag);
        if (inFlight.incrementAndGet() > options.maxInFlight()) {
            inFlight.decrementAndGet();
            d.meter.shed();
            return;
        }
        long from = origin == LatencyOrigin.INTENDED_SEND ? intended : now;
        Operation op = new Operation(d.meter, from, this::settled);
        op.timeoutTask(timeouts.schedule(op::timedOut, timeoutNanos, TimeUnit.NANOSECONDS));
        CompletionStage<Outcome> answer;
        try {
            answer = d.behaviour.start(d.random.split());
        } catch (RuntimeException e) {
            // A behaviour must not throw; when one does, the operation failed, the run goes on.
            op.settle(Operation.failure(e));
            return;
        }
        if (answer == null) {
            op.settle(new Outcome.Failed("no-answer", "the behaviour's start() returned null"));
            return;
        }
        answer.whenComplete(op::answered);
    }

    private void settled() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    private void awaitAnswers(long deadline) throws InterruptedException {
        synchronized (drainLock) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(drainLock, left);
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void parkUntil(long deadline) {
        long left;
        while (!stopRequested && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NANOS));
        }
    }

    /** Ticker thread: closes the current interval of every series. */
    private void closeBucket() {
        long offsetMillis = buckets * (bucketNanos / 1_000_000);
        for (Driver d : drivers) {
            d.meter.closeInterval(offsetMillis);
        }
        lagSwap = lagInterval.getIntervalHistogram(lagSwap);
        lagWhole.add(lagSwap);
        long behind = behind(System.nanoTime());
        maxBehind = Math.max(maxBehind, behind);
        lagSeries.add(new LagSample(offsetMillis, Math.round(Latencies.maxMs(lagSwap)), behind));
        buckets++;
        peakHeapUsed = Math.max(peakHeapUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** Ticker thread: tells the progress listener how the last second went. */
    private void tickProgress() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastProgressNanos) / 1e9);
        lastProgressNanos = now;
        progressSwap = allSinceProgress.getIntervalHistogram(progressSwap);
        progressLagSwap = lagSinceProgress.getIntervalHistogram(progressLagSwap);
        long behind = behind(now);
        maxBehind = Math.max(maxBehind, behind);
        peakHeapUsed = Math.max(peakHeapUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long errors = 0;
        long completed = 0;
        for (Driver d : drivers) {
            errors += d.meter.failed();
            completed += d.meter.answered();
        }
        try {
            progress.onProgress(new Progress((now - t0) / 1_000_000, durationNanos / 1_000_000,
                    progressSwap.getTotalCount() / seconds, Latencies.ms(progressSwap, 99), errors, completed,
                    Latencies.maxMs(progressLagSwap), behind, inFlight.get()));
        } catch (RuntimeException e) {
            // A broken progress display must not end the measurement.
        }
    }

    private long behind(long now) {
        long sum = 0;
        for (Driver d : drivers) {
            sum += d.behind(now - t0);
        }
        return sum;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (tickerFailure == null) {
                    tickerFailure = e;
                }
                throw e;
            }
        };
    }

    private RunReport report(Instant startedAt, long injectedNanos) {
        if (tickerFailure != null) {
            throw new IllegalStateException("the simulator's ticker failed", tickerFailure);
        }
        List<OperationReport> operations = new ArrayList<>();
        double worstP99 = 0;
        Map<String, Long> skipped = new TreeMap<>();
        Map<String, Long> shed = new TreeMap<>();
        Map<String, Long> missed = new TreeMap<>();
        for (Driver d : drivers) {
            operations.add(d.meter.report());
            worstP99 = Math.max(worstP99, d.meter.wholeP99Ms());
            putIfPositive(skipped, d.meter.kind, d.meter.skipped());
            putIfPositive(shed, d.meter.kind, d.meter.shedCount());
            putIfPositive(missed, d.meter.kind, d.missed);
        }
        SimulatorFigures figures = new SimulatorFigures(Latencies.percentiles(lagWhole), maxBehind, skipped, shed,
                missed);
        Trust trust = options.trust().judge(figures.lag(), worstP99, figures.shedTotal(), figures.missedTotal(),
                maxBehind);
        long durationMillis = Math.max(1, (stopRequested ? injectedNanos : durationNanos) / 1_000_000);
        RunReport measured = new RunReport(scenario.name(), options.target(), startedAt, durationMillis,
                scenario.fleet().devices(), bucketNanos / 1_000_000, operations, lagSeries, checks(), List.of(),
                trust, figures, environment());
        List<String> asserts = new ArrayList<>(scenario.asserts());
        asserts.addAll(options.extraAsserts());
        return new RunReport(measured.scenario(), measured.target(), measured.startedAt(), measured.durationMillis(),
                measured.devices(), measured.bucketMillis(), measured.operations(), measured.lag(), measured.checks(),
                Thresholds.evaluate(asserts, measured), measured.trust(), measured.simulator(),
                measured.environment());
    }

    private List<CheckResult> checks() {
        try {
            return options.checks().get();
        } catch (RuntimeException e) {
            return List.of(new CheckResult("the correctness checks ran to their end", 1, 1,
                    List.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }

    private Map<String, String> environment() {
        Runtime rt = Runtime.getRuntime();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java.version", System.getProperty("java.version"));
        env.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cores", Integer.toString(rt.availableProcessors()));
        env.put("heap.maxMb", Long.toString(rt.maxMemory() / (1024 * 1024)));
        env.put("heap.peakUsedMb", Long.toString(peakHeapUsed / (1024 * 1024)));
        env.put("seed", Long.toString(scenario.seed()));
        env.put("simulator.maxInFlight", Integer.toString(options.maxInFlight()));
        env.put("simulator.operationTimeoutMs", Long.toString(options.operationTimeout().toMillis()));
        return env;
    }

    private static void putIfPositive(Map<String, Long> counts, String kind, long value) {
        if (value > 0) {
            counts.put(kind, value);
        }
    }

    private static ScheduledThreadPoolExecutor daemonExecutor(String name) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return ex;
    }

    /** One workload's scheduler: starts its operations on time, whatever the answers do. */
    private final class Driver {
        final KindMeter meter;
        final Behaviour behaviour;
        final SplittableRandom random;
        private final InjectionSchedule schedule;
        private volatile long started;
        private volatile boolean finished;
        volatile long missed;

        Driver(Workload workload, Behaviour behaviour, KindMeter meter, SplittableRandom random) {
            this.schedule = new InjectionSchedule(workload.inject());
            this.behaviour = behaviour;
            this.meter = meter;
            this.random = random;
        }

        void runAfter(CountDownLatch ready, CountDownLatch go) {
            ready.countDown();
            awaitUninterruptibly(go);
            run();
        }

        private void run() {
            // Past the run's end plus the lag the trust bound tolerates, overdue sends are not started any more:
            // the run ends on time and the report counts them as missed.
            long lastStart = t0 + durationNanos + options.trust().maxLagP99().toNanos();
            try {
                long at;
                while (!stopRequested && (at = schedule.nextNanos()) != InjectionSchedule.DONE) {
                    long intended = t0 + at;
                    long now = System.nanoTime();
                    while (now < intended && !stopRequested) {
                        LockSupport.parkNanos(this, Math.min(intended - now, MAX_PARK_NANOS));
                        now = System.nanoTime();
                    }
                    if (stopRequested) {
                        return;
                    }
                    if (now > lastStart) {
                        missed = schedule.totalArrivals() - started;
                        return;
                    }
                    launch(this, intended, now);
                    started++;
                }
            } finally {
                finished = true;
            }
        }

        /** Sends overdue {@code elapsed} nanoseconds into the run. */
        long behind(long elapsed) {
            if (finished && missed == 0) {
                return 0;
            }
            return Math.max(0, schedule.countUntil(elapsed) - started);
        }
    }
}
