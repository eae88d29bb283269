package org.fogledger.ledger.validator.process;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.CommittedHashes;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorActor;
import org.fogledger.ledger.validator.ValidatorNode;
import org.fogledger.ledger.validator.ValidatorStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators as four JVMs on 127.0.0.1. Under a steady load of client transactions one validator is killed with
 * SIGKILL; the other three must keep committing; restarted from its data directory, it must catch up to the same
 * chain; and every transaction that got a receipt must be at that height, in that block, in every validator's chain.
 *
 * <p>The test JVM joins the Pekko Cluster as a non-validator member (role {@code client}) and finds the validators
 * through the cluster receptionist, like any client node would.
 *
 * <p>Knobs (system properties): {@code failover.victim} (index of the validator to kill, default 2),
 * {@code failover.rate} (transactions per second, default 20), {@code failover.printLogs} (print the validators'
 * logs even when the test passes; on failure their tails are always printed).
 */
class MultiProcessFailoverTest {
    private static final int N = 4;
    private static final int VICTIM = Integer.getInteger("failover.victim", 2);
    private static final int RATE_PER_SECOND = Integer.getInteger("failover.rate", 20);
    private static final int CLIENTS = 4;
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    /** How far (in blocks) the restarted validator may trail the others when their chains are compared. */
    private static final int MAX_FINAL_LAG = 3;

    @TempDir
    Path dir;

    private final long t0 = System.nanoTime();
    private ActorSystem<Void> client;
    private final Map<Integer, ActorRef<ValidatorActor.Command>> validators = new ConcurrentHashMap<>();

    /** One submission of one transaction to one validator, and what came back. */
    private record Submission(int seq, Transaction tx, int validator, boolean duplicate, long sentMillis,
                              CompletableFuture<SubmitResult> result) {
    }

    private final List<Submission> submissions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Long> receiptTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger receipts = new AtomicInteger();
    private volatile List<Integer> targets = List.of();
    /** Failures that do not stop the run, so that one run shows every problem (say, liveness and catch-up). */
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void killingOneValidatorDoesNotStopCommitsAndItCatchesUpAfterRestart() throws Exception {
        ValidatorProcesses cluster = new ValidatorProcesses(dir, N, """
                consensus { base-round-timeout = 500ms, max-round-timeout = 4s, idle-proposal-delay = 100ms }""");
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "failover-load");
            thread.setDaemon(true);
            return thread;
        });
        boolean passed = false;
        try {
            // ---- start four JVMs and join them as a client member
            for (int i = 0; i < N; i++) {
                cluster.start(i);
            }
            for (int i = 0; i < N; i++) {
                cluster.awaitReady(i, Duration.ofSeconds(60));
            }
            log("all " + N + " validators READY");
            client = joinAsClient(cluster.genesis);
            for (int i = 0; i < N; i++) {
                validators.put(i, awaitValidatorRef(cluster, i, null, Duration.ofSeconds(30)));
            }
            log("found the " + N + " validators through the receptionist");

            // ---- steady load to all four until receipts have been arriving for 5 s
            targets = allBut(-1);
            KeyPair[] clients = new KeyPair[CLIENTS];
            AtomicLong[] nonces = new AtomicLong[CLIENTS];
            for (int c = 0; c < CLIENTS; c++) {
                clients[c] = KeyPair.generate();
                nonces[c] = new AtomicLong();
            }
            AtomicInteger seq = new AtomicInteger();
            load.scheduleAtFixedRate(() -> submitOne(cluster, clients, nonces, seq), 0, 1000 / RATE_PER_SECOND,
                    TimeUnit.MILLISECONDS);
            awaitCondition(() -> receipts.get() > 0, Duration.ofSeconds(30),
                    () -> "no receipt within 30 s of starting the load; statuses: " + statuses(allBut(-1)));
            long firstReceipt = nowMillis();
            log("first receipt");
            Thread.sleep(5_000);
            log(receipts.get() + " receipts before the kill; heights " + heights(allBut(-1)));

            // ---- kill -9 one validator, keep loading the other three for 10 s
            targets = allBut(VICTIM);
            Map<Integer, Long> heightsAtKill = heights(allBut(VICTIM));
            cluster.kill(VICTIM);
            long killedAt = nowMillis();
            log("killed " + ValidatorProcesses.name(VICTIM) + " (SIGKILL); heights of the others " + heightsAtKill);
            List<Map<Integer, Long>> outageHeights = new ArrayList<>();
            for (int second = 1; second <= 10; second++) {
                Thread.sleep(1_000);
                Map<Integer, Long> h = heights(allBut(VICTIM));
                outageHeights.add(h);
                log("  outage +" + second + " s: heights " + h + ", receipts " + receipts.get());
            }
            long outageEnd = nowMillis();
            checkCommitsContinued(heightsAtKill, outageHeights, killedAt, outageEnd);

            // ---- restart it from the same data directory; it must catch up
            Map<Integer, Long> heightsAtRestart = heights(allBut(VICTIM));
            ActorRef<ValidatorActor.Command> oldRef = validators.get(VICTIM);
            cluster.start(VICTIM);
            cluster.awaitReady(VICTIM, Duration.ofSeconds(60));
            long readyAt = nowMillis();
            log("restarted " + ValidatorProcesses.name(VICTIM) + " READY");
            validators.put(VICTIM, awaitValidatorRef(cluster, VICTIM, oldRef, Duration.ofSeconds(30)));
            log("found the new incarnation of " + ValidatorProcesses.name(VICTIM) + " through the receptionist");
            long target = heightsAtRestart.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            awaitCondition(() -> height(VICTIM) >= target, Duration.ofSeconds(30),
                    () -> ValidatorProcesses.name(VICTIM) + " did not catch up to height " + target
                            + " within 30 s of restarting: " + statuses(allBut(-1)));
            log("restarted " + ValidatorProcesses.name(VICTIM) + " reached height " + target + " after "
                    + (nowMillis() - readyAt) + " ms; heights " + heights(allBut(-1)));
            awaitCondition(() -> lag(VICTIM) <= MAX_FINAL_LAG, Duration.ofSeconds(20),
                    () -> ValidatorProcesses.name(VICTIM) + " stays more than " + MAX_FINAL_LAG
                            + " blocks behind the others: " + statuses(allBut(-1)));
            // It takes transactions again.
            targets = allBut(-1);
            Thread.sleep(2_000);

            // ---- stop the load and wait for every answer
            load.shutdownNow();
            load.awaitTermination(5, TimeUnit.SECONDS);
            log("load stopped after " + submissions.size() + " submissions; waiting for answers");
            awaitAnswers(killedAt);
            log(receipts.get() + " receipts");

            // ---- compare the four chains, and every receipt against them
            Map<Integer, CommittedHashes> chains = awaitChainsWithinLag();
            checkChains(chains);
            checkReceipts(chains, killedAt);
            log("chains identical; every receipt is in every validator's chain (first receipt at +"
                    + (firstReceipt - startMillis()) + " ms)");
            // ---- SIGTERM: every validator stops cleanly through its shutdown hook
            client.terminate();
            client.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
            long stopping = nowMillis();
            List<String> unclean = cluster.stopAll(Duration.ofSeconds(30));
            log("SIGTERM: all stopped after " + (nowMillis() - stopping) + " ms");
            if (!unclean.isEmpty()) {
                failures.add("validators did not stop cleanly on SIGTERM:\n  " + String.join("\n  ", unclean));
            }
            if (!failures.isEmpty()) {
                fail(String.join("\n", failures));
            }
            passed = true;
        } catch (AssertionError e) {
            if (failures.isEmpty() || failures.contains(e.getMessage())) {
                throw e;
            }
            throw new AssertionError(String.join("\n", failures) + "\nand then:\n" + e.getMessage(), e);
        } finally {
            load.shutdownNow();
            if (client != null) {
                client.terminate();
                client.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
            cluster.close();
            if (!passed || Boolean.getBoolean("failover.printLogs")) {
                System.out.println(cluster.tails(passed ? 400 : 80));
            }
            log("done");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Load

    private void submitOne(ValidatorProcesses cluster, KeyPair[] clients, AtomicLong[] nonces, AtomicInteger seq) {
        try {
            int n = seq.getAndIncrement();
            int c = n % CLIENTS;
            Transaction tx = Transaction.sign(clients[c], ValidatorProcesses.CHAIN_ID, nonces[c].getAndIncrement(),
                    "test/counter", "add", new byte[] {(byte) n, (byte) (n >> 8)});
            List<Integer> live = targets;
            int primary = live.get(n % live.size());
            send(n, tx, primary, false);
            // Every fourth transaction also goes to a second validator: both answers must agree.
            if (n % 4 == 0 && live.size() > 1) {
                send(n, tx, live.get((n + 1) % live.size()), true);
            }
        } catch (RuntimeException e) {
            log("load generator: " + e);
        }
    }

    private void send(int seq, Transaction tx, int validator, boolean duplicate) {
        ActorRef<ValidatorActor.Command> ref = validators.get(validator);
        CompletableFuture<SubmitResult> result = AskPattern.<ValidatorActor.Command, SubmitResult>ask(ref,
                replyTo -> new ValidatorActor.Submit(tx, replyTo), RECEIPT_TIMEOUT, client.scheduler())
                .toCompletableFuture();
        result.thenAccept(answer -> {
            if (answer instanceof SubmitResult.Committed) {
                receipts.incrementAndGet();
                receiptTimes.add(nowMillis());
            }
        });
        submissions.add(new Submission(seq, tx, validator, duplicate, nowMillis(), result));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks

    private void checkCommitsContinued(Map<Integer, Long> atKill, List<Map<Integer, Long>> during, long killedAt,
                                       long outageEnd) {
        Map<Integer, Long> last = during.get(during.size() - 1);
        List<String> problems = new ArrayList<>();
        for (int v : allBut(VICTIM)) {
            if (last.get(v) <= atKill.get(v) + 2) {
                problems.add(ValidatorProcesses.name(v) + " committed height went only from " + atKill.get(v) + " to "
                        + last.get(v) + " in the 10 s after the kill");
            }
        }
        // Receipts for transactions sent after the kill, arriving in the second half of the outage.
        long lateReceipts = submissions.stream()
                .filter(s -> s.sentMillis() > killedAt && s.result().isDone() && !s.result().isCompletedExceptionally())
                .filter(s -> s.result().join() instanceof SubmitResult.Committed)
                .count();
        long receiptsLateInOutage = receiptTimes.stream().filter(t -> t > killedAt + 5_000 && t <= outageEnd).count();
        if (lateReceipts == 0 || receiptsLateInOutage == 0) {
            problems.add("receipts stopped: " + lateReceipts + " receipts for transactions sent after the kill, "
                    + receiptsLateInOutage + " receipts in the last 5 s of the outage");
        }
        if (!problems.isEmpty()) {
            // Not fatal yet: the run goes on, so it also shows whether the restarted validator catches up.
            String failure = "commits did not continue with " + ValidatorProcesses.name(VICTIM) + " down:\n  "
                    + String.join("\n  ", problems) + "\n  heights at kill " + atKill + ", then each second " + during
                    + "\n  statuses: " + statuses(allBut(VICTIM));
            failures.add(failure);
            log("FAILURE (the run goes on): " + failure);
            return;
        }
        log("commits continued: " + lateReceipts + " receipts for transactions sent after the kill");
    }

    /** Every submission answered; the only ones allowed to go unanswered were sent to the victim before it died. */
    private void awaitAnswers(long killedAt) throws InterruptedException {
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.plusSeconds(5).toNanos();
        // Those in flight at the victim when it died are not waited for: they can only time out.
        while (submissions.stream().anyMatch(s -> !s.result().isDone()
                && !(s.validator() == VICTIM && s.sentMillis() <= killedAt)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> problems = new ArrayList<>();
        int lostWithVictim = 0;
        for (Submission s : submissions) {
            if (!s.result().isDone() || s.result().isCompletedExceptionally()) {
                if (s.validator() == VICTIM && s.sentMillis() <= killedAt) {
                    lostWithVictim++;
                    continue;
                }
                problems.add("tx #" + s.seq() + " " + s.tx().hash().shortHex() + " sent to "
                        + ValidatorProcesses.name(s.validator()) + " at +" + (s.sentMillis() - startMillis())
                        + " ms got no answer within " + RECEIPT_TIMEOUT.toSeconds() + " s");
                continue;
            }
            SubmitResult answer = s.result().join();
            if (answer instanceof SubmitResult.Refused refused) {
                boolean lateDuplicate = s.duplicate() && refused.reason().equals("NONCE_USED");
                if (!lateDuplicate) {
                    problems.add("tx #" + s.seq() + " refused by " + ValidatorProcesses.name(s.validator()) + ": "
                            + refused.reason() + " " + refused.message());
                }
            }
        }
        log(lostWithVictim + " submissions in flight at the victim when it was killed went unanswered (expected)");
        if (!problems.isEmpty()) {
            fail(problems.size() + " submissions to live validators failed:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size())))
                    + "\n  statuses: " + statuses(allBut(-1)));
        }
    }

    /** Committed hashes of all four from height 1, asked at about the same time, once all are within the lag. */
    private Map<Integer, CommittedHashes> awaitChainsWithinLag() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Map<Integer, CompletableFuture<CommittedHashes>> asks = new HashMap<>();
            for (int v : allBut(-1)) {
                asks.put(v, AskPattern.<ValidatorActor.Command, CommittedHashes>ask(validators.get(v),
                        replyTo -> new ValidatorActor.GetCommittedHashes(1, 10_000, replyTo), ASK_TIMEOUT,
                        client.scheduler()).toCompletableFuture());
            }
            Map<Integer, CommittedHashes> chains = new HashMap<>();
            for (Map.Entry<Integer, CompletableFuture<CommittedHashes>> ask : asks.entrySet()) {
                chains.put(ask.getKey(), ask.getValue().get(10, TimeUnit.SECONDS));
            }
            long max = chains.values().stream().mapToLong(CommittedHashes::committedHeight).max().orElseThrow();
            long min = chains.values().stream().mapToLong(CommittedHashes::committedHeight).min().orElseThrow();
            if (max - min <= MAX_FINAL_LAG || System.nanoTime() > deadline) {
                StringBuilder text = new StringBuilder();
                chains.forEach((v, c) -> text.append(' ').append(ValidatorProcesses.name(v)).append('=')
                        .append(c.committedHeight()));
                log("final committed heights:" + text);
                return chains;
            }
            Thread.sleep(200);
        }
    }

    private void checkChains(Map<Integer, CommittedHashes> chains) {
        List<String> problems = new ArrayList<>();
        long maxHeight = chains.values().stream().mapToLong(CommittedHashes::committedHeight).max().orElseThrow();
        for (int v : allBut(-1)) {
            CommittedHashes c = chains.get(v);
            String name = ValidatorProcesses.name(v);
            if (c.firstHeight() != 1 || c.hashes().size() != c.committedHeight()) {
                problems.add(name + " reports heights " + c.firstHeight() + ".." + (c.firstHeight() + c.hashes().size()
                        - 1) + " of committed height " + c.committedHeight() + ": expected the whole chain from 1");
            }
            if (maxHeight - c.committedHeight() > MAX_FINAL_LAG) {
                problems.add(name + " is at height " + c.committedHeight() + ", " + (maxHeight - c.committedHeight())
                        + " blocks behind the highest (" + maxHeight + ")");
            }
        }
        CommittedHashes reference = chains.get(0);
        for (int v = 1; v < N; v++) {
            CommittedHashes other = chains.get(v);
            long common = Math.min(reference.firstHeight() + reference.hashes().size(),
                    other.firstHeight() + other.hashes().size());
            for (long h = Math.max(reference.firstHeight(), other.firstHeight()); h < common; h++) {
                Hash a = at(reference, h);
                Hash b = at(other, h);
                if (!a.equals(b)) {
                    problems.add("v0 and " + ValidatorProcesses.name(v) + " differ at height " + h + ": "
                            + a.shortHex() + " vs " + b.shortHex());
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("the validators' chains differ:\n  " + String.join("\n  ", problems));
        }
    }

    private void checkReceipts(Map<Integer, CommittedHashes> chains, long killedAt) {
        List<String> problems = new ArrayList<>();
        Map<Hash, SubmitResult.Committed> byTx = new HashMap<>();
        Map<Hash, Integer> answeredBy = new HashMap<>();
        int checked = 0;
        for (Submission s : submissions) {
            if (!s.result().isDone() || s.result().isCompletedExceptionally()
                    || !(s.result().join() instanceof SubmitResult.Committed receipt)) {
                continue;
            }
            checked++;
            Hash txHash = s.tx().hash();
            String what = "tx #" + s.seq() + " " + txHash.shortHex() + " (receipt from "
                    + ValidatorProcesses.name(s.validator()) + ": height " + receipt.receipt().height() + ", block "
                    + receipt.blockHash().shortHex() + ")";
            if (!receipt.receipt().txHash().equals(txHash)) {
                problems.add(what + " names another transaction " + receipt.receipt().txHash().shortHex());
            }
            SubmitResult.Committed earlier = byTx.putIfAbsent(txHash, receipt);
            if (earlier != null && (earlier.receipt().height() != receipt.receipt().height()
                    || earlier.receipt().index() != receipt.receipt().index()
                    || !earlier.blockHash().equals(receipt.blockHash()))) {
                problems.add(what + " differs from the receipt " + ValidatorProcesses.name(answeredBy.get(txHash))
                        + " gave: height " + earlier.receipt().height() + " index " + earlier.receipt().index()
                        + " block " + earlier.blockHash().shortHex());
            }
            answeredBy.putIfAbsent(txHash, s.validator());
            long h = receipt.receipt().height();
            for (int v : allBut(-1)) {
                CommittedHashes chain = chains.get(v);
                if (h < chain.firstHeight() || h >= chain.firstHeight() + chain.hashes().size()) {
                    problems.add(what + ": " + ValidatorProcesses.name(v) + " has no block at that height (its chain "
                            + chain.firstHeight() + ".." + (chain.firstHeight() + chain.hashes().size() - 1) + ")");
                } else if (!at(chain, h).equals(receipt.blockHash())) {
                    problems.add(what + ": " + ValidatorProcesses.name(v) + " has block " + at(chain, h).shortHex()
                            + " at height " + h);
                }
            }
        }
        if (checked == 0) {
            problems.add("no receipt at all");
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " receipt problems:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(30, problems.size()))));
        }
        log(checked + " receipts (" + byTx.size() + " distinct transactions) checked against all " + N + " chains");
    }

    private static Hash at(CommittedHashes chain, long height) {
        return chain.hashes().get((int) (height - chain.firstHeight()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cluster client

    private static ActorSystem<Void> joinAsClient(Genesis genesis) {
        // Membership changes as seen by the client, for the run's timeline.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pekko.cluster.Cluster"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        List<String> seeds = genesis.validators().stream().map(Genesis.Member::address).toList();
        Config config = ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = %d
                pekko.remote.artery.advanced.maximum-frame-size = 2 MiB
                pekko.cluster.roles = ["client"]
                # Joining retries sooner than Pekko's defaults (5 s, 10 s), as in the validators' files.
                pekko.cluster.seed-node-timeout = 2s
                pekko.cluster.retry-unsuccessful-join-after = 2s
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                pekko.coordinated-shutdown.exit-jvm = off
                """.formatted(Genesis.freeLoopbackPort()))
                .withFallback(ConfigFactory.parseMap(Map.of("pekko.cluster.seed-nodes", seeds)))
                .withFallback(ConfigFactory.load());
        return ActorSystem.create(Behaviors.empty(), ValidatorNode.SYSTEM_NAME, config);
    }

    /** The ref of validator {@code index} from the receptionist: a reachable one, other than {@code not}. */
    private ActorRef<ValidatorActor.Command> awaitValidatorRef(ValidatorProcesses cluster, int index,
                                                                ActorRef<ValidatorActor.Command> not, Duration limit)
            throws Exception {
        String name = ValidatorActor.actorName(cluster.genesis.validators().get(index).key());
        long deadline = System.nanoTime() + limit.toNanos();
        Set<ActorRef<ValidatorActor.Command>> seen = Set.of();
        while (System.nanoTime() < deadline) {
            Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                    client.receptionist(), replyTo -> Receptionist.find(ValidatorActor.SERVICE_KEY, replyTo),
                    ASK_TIMEOUT, client.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            seen = listing.getServiceInstances(ValidatorActor.SERVICE_KEY);
            for (ActorRef<ValidatorActor.Command> ref : seen) {
                if (ref.path().name().equals(name) && !ref.equals(not) && statusOf(ref) != null) {
                    return ref;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the receptionist did not list a live " + ValidatorProcesses.name(index) + " ("
                + name + ") within " + limit.toSeconds() + " s; it lists " + seen + "\n"
                + ValidatorProcesses.tail(cluster.currentLog(index), 60));
    }

    private ValidatorStatus statusOf(ActorRef<ValidatorActor.Command> ref) {
        try {
            return AskPattern.<ValidatorActor.Command, ValidatorStatus>ask(ref, ValidatorActor.GetStatus::new,
                    ASK_TIMEOUT, client.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private long height(int validator) {
        ValidatorStatus status = statusOf(validators.get(validator));
        return status == null ? -1 : status.committedHeight();
    }

    /** How far {@code validator} trails the highest of the others, in blocks. */
    private long lag(int validator) {
        long own = height(validator);
        long best = allBut(validator).stream().mapToLong(this::height).max().orElseThrow();
        return own < 0 ? Long.MAX_VALUE : best - own;
    }

    private Map<Integer, Long> heights(List<Integer> which) {
        Map<Integer, Long> heights = new java.util.TreeMap<>();
        for (int v : which) {
            heights.put(v, height(v));
        }
        return heights;
    }

    private String statuses(List<Integer> which) {
        StringBuilder text = new StringBuilder();
        for (int v : which) {
            ValidatorStatus s = statusOf(validators.get(v));
            text.append("\n    ").append(ValidatorProcesses.name(v)).append(": ").append(s == null ? "no answer"
                    : "round " + s.round() + " height " + s.committedHeight() + " peers " + s.connectedPeers()
                    + " pending " + s.pendingTransactions() + " counters " + s.counters());
        }
        return text.toString();
    }

    private static List<Integer> allBut(int excluded) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            if (i != excluded) {
                list.add(i);
            }
        }
        return List.copyOf(list);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration limit,
                                       java.util.function.Supplier<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message.get());
            }
            Thread.sleep(200);
        }
    }

    private long startMillis() {
        return TimeUnit.NANOSECONDS.toMillis(t0);
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private void log(String message) {
        System.out.printf("[failover +%6d ms] %s%n", nowMillis() - startMillis(), message);
    }
}
