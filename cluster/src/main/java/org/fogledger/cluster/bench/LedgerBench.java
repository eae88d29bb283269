package org.fogledger.cluster.bench;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorActor;
import org.fogledger.ledger.validator.ValidatorStatus;

/**
 * The run behind {@code fogledger bench ledger}: pre-sign, measure one Ed25519 verification, start the validators
 * and a client member, wait until they see each other, load them open-loop (warm-up, then the measured window),
 * drain, and print the summary.
 *
 * <p><b>Latency without coordinated omission.</b> At a target rate, transaction {@code i} is due at
 * {@code start + i / rate}; its latency runs from that intended time, not from when it was actually sent, so a
 * stalled client or a full outstanding window shows up as latency instead of silently lowering the load. With
 * {@code --max} there is no schedule: latency runs from the actual send, and the client keeps at most
 * {@code --max-outstanding} transactions unanswered.
 */
final class LedgerBench {
    static final String CONTRACT = "bench/noop";
    static final String COMMAND = "put";
    private static final long HIGHEST_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final Duration READY_LIMIT = Duration.ofSeconds(90);

    /** Everything the command line decides. {@code rate} is ignored when {@code max}. */
    record Options(int validators, Duration duration, Duration warmup, int rate, boolean max, int maxOutstanding,
                   int keys, int payloadBytes, long transactions, Path dataDir, boolean processes, Duration progress,
                   Duration answerTimeout, int verifications, List<String> childJvmOptions) {
    }

    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;

    // Outcome counters, updated from Pekko threads.
    private final Recorder progressLatency = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    private final Recorder windowLatency = new Recorder(HIGHEST_LATENCY_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder receipts = new LongAdder();
    private final LongAdder receiptsInWindow = new LongAdder();
    private final LongAdder refusedTotal = new LongAdder();
    private final LongAdder errorsTotal = new LongAdder();
    private final Map<String, LongAdder> refusalsInWindow = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsInWindow = new ConcurrentHashMap<>();
    private final AtomicLong lastError = new AtomicLong();
    private volatile String lastErrorText = "";

    private volatile long loadStart;
    private volatile long windowStart;
    private volatile long windowEnd;

    LedgerBench(Options options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        Options o = options;
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        boolean tempDir = o.dataDir() == null;
        Path dataDir = tempDir ? Files.createTempDirectory("fogledger-bench-") : o.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);

        long total = o.transactions() > 0 ? o.transactions() : autoTransactions(o);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many transactions to pre-sign: " + total);
        }
        progress("pre-signing %,d transactions (Ed25519, %,d client keys, %d-byte payloads)...", total, o.keys(),
                o.payloadBytes());
        long signStart = System.nanoTime();
        Transaction[] txs = presign(seed, (int) total, o.keys(), o.payloadBytes());
        progress("pre-signed in %.1f s", (System.nanoTime() - signStart) / 1e9);

        VerifyCost verify = measureVerification(txs[0], o.verifications());
        progress("one Ed25519 verification: %.1f µs CPU (%.1f µs wall), over %,d calls", verify.cpuMicros(),
                verify.wallMicros(), o.verifications());

        progress("starting %d validators %s...", o.validators(), o.processes() ? "as separate JVMs" : "in this JVM");
        BenchCluster cluster = null;
        ActorSystem<Void> clientSystem = null;
        LedgerClient client = null;
        try {
            cluster = o.processes()
                    ? BenchCluster.processes(o.validators(), dataDir, seed, o.childJvmOptions(), err)
                    : BenchCluster.inJvm(o.validators(), dataDir, seed);
            clientSystem = ClientSystem.start(cluster.genesis, "127.0.0.1", 0, ConfigFactory.empty());
            client = LedgerClient.create(clientSystem,
                    LedgerClientSettings.defaults().withAnswerTimeout(o.answerTimeout()));
            List<ActorRef<ValidatorActor.Command>> validators = client.awaitValidators(o.validators(), READY_LIMIT)
                    .toCompletableFuture().get(READY_LIMIT.toSeconds() + 5, TimeUnit.SECONDS);
            awaitConnected(clientSystem, validators, o.validators());

            Result result = load(cluster, clientSystem, client, validators, txs);
            print(cluster, result, verify, total);
            return 0;
        } finally {
            if (client != null) {
                client.close();
            }
            if (clientSystem != null) {
                clientSystem.terminate();
                try {
                    clientSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // going away anyway
                }
            }
            if (cluster != null) {
                cluster.close();
            }
            if (tempDir) {
                deleteRecursively(dataDir);
            }
        }
    }

    /** Enough for the whole run at the target rate, or for 4,000 tx/s with --max (plus 5 %). */
    static long autoTransactions(Options o) {
        double seconds = (o.warmup().toMillis() + o.duration().toMillis()) / 1000.0;
        double rate = o.max() ? 4_000 : o.rate();
        return Math.max(100, (long) Math.ceil(rate * seconds * 1.05));
    }

    /** Transaction i: client key i mod keys, nonce i / keys, so every sender's nonces rise by one. */
    static Transaction[] presign(byte[] seed, int total, int keyCount, int payloadBytes) {
        KeyPair[] keys = new KeyPair[keyCount];
        IntStream.range(0, keyCount).parallel().forEach(k -> keys[k] = BenchKeys.clientKey(seed, k));
        Transaction[] txs = new Transaction[total];
        IntStream.range(0, total).parallel().forEach(i -> {
            byte[] payload = new byte[payloadBytes];
            for (int b = 0; b < payloadBytes; b++) {
                payload[b] = (byte) (i >>> ((b & 3) * 8));
            }
            txs[i] = Transaction.sign(keys[i % keyCount], BenchCluster.CHAIN_ID, i / keyCount, CONTRACT, COMMAND,
                    payload);
        });
        return txs;
    }

    record VerifyCost(double cpuMicros, double wallMicros) {
    }

    /** {@code calls} verifications of one transaction's signature on a warm key, after as many warm-up calls. */
    static VerifyCost measureVerification(Transaction tx, int calls) {
        byte[] message = tx.signingBytes();
        Signature signature = tx.signature();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean ok = true;
        for (int i = 0; i < Math.max(calls, 1_000); i++) {
            ok &= Verifier.verify(tx.sender(), message, signature);
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            ok &= Verifier.verify(tx.sender(), message, signature);
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        if (!ok) {
            throw new IllegalStateException("a pre-signed transaction does not verify");
        }
        return new VerifyCost(cpu / 1e3 / calls, wall / 1e3 / calls);
    }

    /** Waits until every validator sees all the others (connectedPeers = n - 1) and has committed a block. */
    private void awaitConnected(ActorSystem<Void> system, List<ActorRef<ValidatorActor.Command>> validators, int n)
            throws Exception {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        List<ValidatorStatus> statuses = List.of();
        while (System.nanoTime() < deadline) {
            statuses = statuses(system, validators);
            boolean ready = statuses.stream().allMatch(s -> s.connectedPeers() == n - 1 && s.committedHeight() >= 1);
            if (ready) {
                progress("cluster ready: %d validators see each other; committed heights %s", n,
                        statuses.stream().map(ValidatorStatus::committedHeight).toList());
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the validators did not all see each other and commit within "
                + READY_LIMIT.toSeconds() + " s: " + statuses.stream()
                .map(s -> s.validator().keyId().shortHex() + " peers=" + s.connectedPeers() + " height="
                        + s.committedHeight()).toList());
    }

    private static List<ValidatorStatus> statuses(ActorSystem<Void> system,
                                                  List<ActorRef<ValidatorActor.Command>> validators) throws Exception {
        List<CompletableFuture<ValidatorStatus>> asks = new ArrayList<>();
        for (ActorRef<ValidatorActor.Command> v : validators) {
            asks.add(AskPattern.<ValidatorActor.Command, ValidatorStatus>ask(v, ValidatorActor.GetStatus::new,
                    Duration.ofSeconds(10), system.scheduler()).toCompletableFuture());
        }
        List<ValidatorStatus> statuses = new ArrayList<>();
        for (CompletableFuture<ValidatorStatus> ask : asks) {
            statuses.add(ask.get(15, TimeUnit.SECONDS));
        }
        return statuses;
    }

    private static long committedTransactions(List<ValidatorStatus> statuses) {
        // Mean over validators: each counts the transactions of the blocks it committed.
        return Math.round(statuses.stream().mapToLong(s -> s.counters().getOrDefault("committedTransactions", 0L))
                .average().orElse(0));
    }

    // -----------------------------------------------------------------------------------------------------------
    // The load

    record Result(double windowSeconds, long committed, long cpuNanos, Histogram latency, long sentInWindow,
                  long receiptsInWindow, Map<String, Long> refusals, Map<String, Long> errors, boolean ranOut,
                  long outstandingAtEnd, double cpusBusy) {
    }

    private Result load(BenchCluster cluster, ActorSystem<Void> system, LedgerClient client,
                        List<ActorRef<ValidatorActor.Command>> validators, Transaction[] txs) throws Exception {
        Options o = options;
        Semaphore outstanding = new Semaphore(o.maxOutstanding());
        long intervalNanos = o.max() ? 0 : Math.max(1, Math.round(1e9 / o.rate()));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        progress("load: %s for %s of warm-up, then %s measured",
                o.max() ? "as fast as admitted (at most " + o.maxOutstanding() + " outstanding)"
                        : String.format(Locale.ROOT, "open loop at %,d tx/s", o.rate()),
                DurationConverter.format(o.warmup()), DurationConverter.format(o.duration()));

        loadStart = System.nanoTime();
        windowStart = loadStart + o.warmup().toNanos();
        windowEnd = windowStart + o.duration().toNanos();
        long progressNanos = o.progress().toNanos();
        ticker.scheduleAtFixedRate(new ProgressLine(outstanding), progressNanos, progressNanos, TimeUnit.NANOSECONDS);

        long startCpu = 0;
        List<ValidatorStatus> startStatus = null;
        long measuredFrom = 0;
        boolean ranOut = true;
        long sentBeforeWindow = 0;
        for (int i = 0; i < txs.length; i++) {
            long intended;
            if (o.max()) {
                outstanding.acquire();
                intended = System.nanoTime();
            } else {
                intended = loadStart + i * intervalNanos;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                outstanding.acquire();
            }
            if (intended >= windowEnd) {
                outstanding.release();
                ranOut = false;
                break;
            }
            if (startStatus == null && intended >= windowStart) {
                startCpu = cluster.cpuNanos();
                measuredFrom = System.nanoTime();
                startStatus = statuses(system, validators);
                sentBeforeWindow = sent.sum();
            }
            submit(client, txs[i], intended, outstanding);
        }
        long measuredTo = System.nanoTime();
        long endCpu = cluster.cpuNanos();
        List<ValidatorStatus> endStatus = statuses(system, validators);
        if (startStatus == null) { // ran out during the warm-up
            startStatus = endStatus;
            measuredFrom = measuredTo;
            startCpu = endCpu;
        }
        if (ranOut) {
            windowEnd = measuredTo;
            progress("ran out of pre-signed transactions after %.1f s of measurement; raise --transactions",
                    (measuredTo - measuredFrom) / 1e9);
        }
        long sentInWindow = sent.sum() - sentBeforeWindow;
        double windowSeconds = (measuredTo - measuredFrom) / 1e9;

        // Drain: wait for every answer (each is bounded by the answer timeout).
        int outstandingAtEnd = o.maxOutstanding() - outstanding.availablePermits();
        progress("measurement done; waiting for %,d outstanding answers...", outstandingAtEnd);
        long drainLimit = System.nanoTime() + o.answerTimeout().plusSeconds(10).toNanos();
        while (outstanding.availablePermits() < o.maxOutstanding() && System.nanoTime() < drainLimit) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();

        long committed = committedTransactions(endStatus) - committedTransactions(startStatus);
        Map<String, Long> refusals = new TreeMap<>();
        refusalsInWindow.forEach((k, v) -> refusals.put(k, v.sum()));
        Map<String, Long> errors = new TreeMap<>();
        errorsInWindow.forEach((k, v) -> errors.put(k, v.sum()));
        long cpu = endCpu - startCpu;
        return new Result(windowSeconds, committed, cpu, windowLatency.getIntervalHistogram(), sentInWindow,
                receiptsInWindow.sum(), refusals, errors, ranOut, outstandingAtEnd,
                windowSeconds > 0 ? cpu / 1e9 / windowSeconds : 0);
    }

    private void submit(LedgerClient client, Transaction tx, long intended, Semaphore outstanding) {
        sent.increment();
        boolean inWindow = intended >= windowStart && intended < windowEnd;
        client.submit(tx).whenComplete((answer, failure) -> {
            long done = System.nanoTime();
            outstanding.release();
            if (answer instanceof SubmitResult.Committed) {
                long micros = Math.min(Math.max(0, (done - intended) / 1_000), HIGHEST_LATENCY_MICROS);
                receipts.increment();
                progressLatency.recordValue(micros);
                if (inWindow) {
                    receiptsInWindow.increment();
                    windowLatency.recordValue(micros);
                }
            } else if (answer instanceof SubmitResult.Refused refused) {
                refusedTotal.increment();
                if (inWindow) {
                    refusalsInWindow.computeIfAbsent(refused.reason(), r -> new LongAdder()).increment();
                }
            } else {
                errorsTotal.increment();
                Throwable cause = failure;
                while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
                if (inWindow) {
                    errorsInWindow.computeIfAbsent(kind, r -> new LongAdder()).increment();
                }
                if (lastError.getAndIncrement() == 0) {
                    lastErrorText = cause == null ? "unknown" : String.valueOf(cause.getMessage());
                }
            }
        });
    }

    /** One line on stderr every --progress: elapsed, phase, rates over the interval, p99 of the interval, errors. */
    private final class ProgressLine implements Runnable {
        private final Semaphore outstanding;
        private long lastAt = System.nanoTime();
        private long lastSent;
        private long lastReceipts;
        private Histogram recycled;

        ProgressLine(Semaphore outstanding) {
            this.outstanding = outstanding;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long sentNow = sent.sum();
            long receiptsNow = receipts.sum();
            double seconds = Math.max(1e-9, (now - lastAt) / 1e9);
            recycled = progressLatency.getIntervalHistogram(recycled);
            String phase = now < windowStart ? "warm-up" : now < windowEnd ? "measure" : "drain";
            String p99 = recycled.getTotalCount() == 0 ? "-" : millis(recycled.getValueAtPercentile(99));
            progress("%6.1fs %-7s sent %,7.0f/s  committed %,7.0f/s  p99 %s  outstanding %,d  refused %,d  "
                            + "errors %,d%s",
                    (now - loadStart) / 1e9, phase, (sentNow - lastSent) / seconds, (receiptsNow - lastReceipts) / seconds,
                    p99, options.maxOutstanding() - outstanding.availablePermits(), refusedTotal.sum(),
                    errorsTotal.sum(), errorsTotal.sum() > 0 ? " (first: " + lastErrorText + ")" : "");
            lastAt = now;
            lastSent = sentNow;
            lastReceipts = receiptsNow;
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // The summary

    private void print(BenchCluster cluster, Result r, VerifyCost verify, long presigned) {
        Options o = options;
        int n = o.validators();
        int f = (n - 1) / 3;
        double committedPerSecond = r.windowSeconds() > 0 ? r.committed() / r.windowSeconds() : 0;
        double receiptsPerSecond = r.windowSeconds() > 0 ? r.receiptsInWindow() / r.windowSeconds() : 0;
        double cpuPerTxPerValidator = r.committed() > 0 ? r.cpuNanos() / 1e3 / r.committed() / n : Double.NaN;
        Histogram h = r.latency();

        out.println("FogLedger ledger benchmark");
        row("validators", n + " (f = " + f + "), " + cluster.describe());
        row("client", "LedgerClient on its own cluster member in this JVM, round-robin over the validators; "
                + String.format(Locale.ROOT, "%,d pre-signed transactions, %,d client keys, %d-byte payloads",
                presigned, o.keys(), o.payloadBytes()));
        row("load", (o.max()
                ? "--max: as fast as admitted, at most " + String.format(Locale.ROOT, "%,d", o.maxOutstanding())
                        + " outstanding"
                : String.format(Locale.ROOT, "open loop at %,d tx/s", o.rate()))
                + String.format(Locale.ROOT, "; warm-up %s, measured %.1f s (sent %,d in the window)",
                DurationConverter.format(o.warmup()), r.windowSeconds(), r.sentInWindow())
                + (r.ranOut() ? "; RAN OUT of pre-signed transactions, raise --transactions" : ""));
        row("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        row("committed", String.format(Locale.ROOT,
                "%,.0f tx/s (%,d transactions committed in the window, mean over the validators' counters); "
                        + "receipts to the client %,.0f/s", committedPerSecond, r.committed(), receiptsPerSecond));
        if (h.getTotalCount() > 0) {
            row("latency", String.format(Locale.ROOT, "p50 %s  p99 %s  p99.9 %s  max %s  (%s -> receipt, %,d receipts)",
                    millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                    millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()),
                    o.max() ? "actual send" : "intended send time", h.getTotalCount()));
        } else {
            row("latency", "no receipts in the window");
        }
        row("refused", r.refusals().isEmpty() ? "none" : describe(r.refusals()));
        row("errors", r.errors().isEmpty() ? "none"
                : describe(r.errors()) + " (first: " + lastErrorText + "; answer timeout "
                        + DurationConverter.format(o.answerTimeout()) + ")");
        row("cpu", String.format(Locale.ROOT,
                "%,.1f µs of process CPU per committed tx per validator (CPU of the whole %s over the window / "
                        + "committed tx / %d; the client and load generator included); %.2f of %d CPUs busy",
                cpuPerTxPerValidator, o.processes() ? "bench JVM plus the " + n + " validator JVMs" : "process",
                n, r.cpusBusy(), Runtime.getRuntime().availableProcessors()));
        row("ed25519", String.format(Locale.ROOT,
                "one verification %.1f µs CPU (%.1f µs wall): Verifier.verify x %,d on a warm key, before the load",
                verify.cpuMicros(), verify.wallMicros(), o.verifications()));
        row("ratio", String.format(Locale.ROOT, "cpu per committed tx per validator = %.1f x one Ed25519 verification",
                cpuPerTxPerValidator / verify.cpuMicros()));
        out.flush();
    }

    private static String describe(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%,d", v)));
        return text.toString();
    }

    private void row(String label, String value) {
        out.printf("  %-11s %s%n", label, value);
    }

    static String millis(long micros) {
        return micros >= 10_000 ? String.format(Locale.ROOT, "%,d ms", Math.round(micros / 1000.0))
                : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private void progress(String format, Object... args) {
        err.println("bench: " + String.format(Locale.ROOT, format, args));
        err.flush();
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory; leave what could not be deleted
        }
    }
}
