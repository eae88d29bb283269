package org.fogledger.ledger.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.execution.DryRunResult;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.validator.ExecutedBlockNotice;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorActor;

/**
 * The Java API to the ledger for agents, the CLI and the simulator.
 *
 * <p>Give it an {@link ActorSystem} that is a member of the validators' Pekko Cluster (or one of the in-JVM validator
 * systems). It subscribes to the receptionist for {@link ValidatorActor#SERVICE_KEY} and keeps the current list of
 * validators, so validators that join or leave are picked up without restarting the client.
 *
 * <ul>
 *   <li>{@link #submit(Transaction)} sends a signed transaction to one validator (round-robin or random, see
 *       {@link LedgerClientSettings}) and completes with its answer: {@link SubmitResult.Committed} once the
 *       transaction is committed, or {@link SubmitResult.Refused} with the mempool's reason; a refusal completes
 *       normally. It fails with a {@link LedgerClientException} when no validator is known or none answers in time.
 *   <li>{@link #submitAndConfirm(Transaction, int)} sends the same transaction to {@code matching} distinct
 *       validators and completes when all of them answer {@code Committed} with the same height, index and block
 *       hash. A client that trusts no single node asks {@code f + 1}: at least one of them is honest. Otherwise it
 *       fails with a {@link QuorumException} naming each validator's answer.
 * </ul>
 *
 * <p>Thread-safe; the returned stages complete on Pekko's threads, so callers should not block in their callbacks.
 * {@link #close()} stops the client's receptionist subscriber (not the ActorSystem).
 */
public final class LedgerClient implements AutoCloseable {
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ActorSystem<?> system;
    private final LedgerClientSettings settings;
    private final ActorRef<Listener> listener;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile List<ActorRef<ValidatorActor.Command>> validators = List.of();

    private LedgerClient(ActorSystem<?> system, LedgerClientSettings settings) {
        this.system = system;
        this.settings = settings;
        this.listener = system.systemActorOf(listen(), "fogledger-ledger-client-" + INSTANCES.incrementAndGet(),
                Props.empty());
    }

    /** A client with {@link LedgerClientSettings#defaults()}. */
    public static LedgerClient create(ActorSystem<?> system) {
        return create(system, LedgerClientSettings.defaults());
    }

    public static LedgerClient create(ActorSystem<?> system, LedgerClientSettings settings) {
        return new LedgerClient(Objects.requireNonNull(system, "system"), Objects.requireNonNull(settings, "settings"));
    }

    public LedgerClientSettings settings() {
        return settings;
    }

    /** The validators the receptionist lists now, in a fixed order (by actor path). */
    public List<ActorRef<ValidatorActor.Command>> validators() {
        return validators;
    }

    /**
     * Completes with the validators once at least {@code count} are listed, or fails after {@code timeout} naming
     * how many were found.
     */
    public CompletionStage<List<ActorRef<ValidatorActor.Command>>> awaitValidators(int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        CompletableFuture<List<ActorRef<ValidatorActor.Command>>> found = new CompletableFuture<>();
        synchronized (waiters) {
            List<ActorRef<ValidatorActor.Command>> now = validators;
            if (now.size() >= count) {
                return CompletableFuture.completedFuture(now);
            }
            waiters.add(new Waiter(count, found));
        }
        return found.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            synchronized (waiters) {
                waiters.removeIf(w -> w.found == found);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new LedgerClientException("found " + validators.size()
                        + " validator(s) through the receptionist within " + describe(timeout) + ", expected "
                        + count + "; is this ActorSystem a member of the validators' cluster?"));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    // -----------------------------------------------------------------------------------------------------------
    // Submitting

    /**
     * Submits {@code tx} to one validator. Completes with its {@link SubmitResult}: {@code Committed} with the receipt
     * once the transaction is committed, or {@code Refused} with the reason; fails with a {@link LedgerClientException}
     * when no validator is known within the answer timeout, or the validator does not answer within it.
     */
    public CompletionStage<SubmitResult> submit(Transaction tx) {
        Objects.requireNonNull(tx, "tx");
        List<ActorRef<ValidatorActor.Command>> known = validators;
        if (!known.isEmpty()) {
            return ask(pick(known), tx);
        }
        return awaitValidators(1, settings.answerTimeout()).thenCompose(found -> ask(pick(found), tx));
    }

    /**
     * Submits {@code tx} to {@code matching} distinct validators and completes when all of them answer
     * {@code Committed} at the same height, index and block hash. Use {@code matching = f + 1} (2 of 4 validators)
     * to rely on no single node. Fails with a {@link QuorumException} naming every validator's answer when they
     * disagree, one refuses, or one does not answer within the answer timeout; with a {@link LedgerClientException}
     * when fewer than {@code matching} validators are known.
     */
    public CompletionStage<QuorumReceipt> submitAndConfirm(Transaction tx, int matching) {
        Objects.requireNonNull(tx, "tx");
        if (matching < 1) {
            throw new IllegalArgumentException("matching must be at least 1, got " + matching);
        }
        List<ActorRef<ValidatorActor.Command>> known = validators;
        CompletionStage<List<ActorRef<ValidatorActor.Command>>> ready = known.size() >= matching
                ? CompletableFuture.completedFuture(known)
                : awaitValidators(matching, settings.answerTimeout()).exceptionallyCompose(failure ->
                        CompletableFuture.failedFuture(new LedgerClientException("cannot get " + matching
                                + " matching receipts for transaction " + tx.hash().shortHex() + ": "
                                + unwrap(failure).getMessage(), unwrap(failure))));
        return ready.thenCompose(found -> confirm(tx, distinct(found, matching)));
    }

    private CompletionStage<QuorumReceipt> confirm(Transaction tx, List<ActorRef<ValidatorActor.Command>> asked) {
        List<CompletableFuture<Object>> answers = new ArrayList<>(asked.size());
        for (ActorRef<ValidatorActor.Command> validator : asked) {
            // Each answer, or the failure that replaced it, as a value: all are needed to describe a disagreement.
            answers.add(ask(validator, tx).toCompletableFuture().handle((result, failure) ->
                    failure != null ? unwrap(failure) : result));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            List<SubmitResult.Committed> committed = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            boolean allCommitted = true;
            for (int i = 0; i < asked.size(); i++) {
                Object answer = answers.get(i).join();
                lines.add(name(asked.get(i)) + ": " + describe(answer));
                if (answer instanceof SubmitResult.Committed c) {
                    committed.add(c);
                } else {
                    allCommitted = false;
                }
            }
            Hash txHash = tx.hash();
            if (!allCommitted) {
                return CompletableFuture.failedFuture(new QuorumException(txHash, "transaction " + txHash.shortHex()
                        + ": only " + committed.size() + " of " + asked.size() + " validators asked answered with a receipt",
                        lines));
            }
            SubmitResult.Committed first = committed.get(0);
            for (SubmitResult.Committed other : committed) {
                if (other.receipt().height() != first.receipt().height()
                        || other.receipt().index() != first.receipt().index()
                        || !other.blockHash().equals(first.blockHash())
                        || !other.receipt().txHash().equals(txHash)) {
                    return CompletableFuture.failedFuture(new QuorumException(txHash, "transaction "
                            + txHash.shortHex() + ": validators disagree on its place in the chain", lines));
                }
            }
            return CompletableFuture.completedFuture(new QuorumReceipt(txHash, first.receipt().height(),
                    first.receipt().index(), first.blockHash(), committed));
        });
    }

    /**
     * Asks one validator's contract host a read-only question about instance {@code address}
     * ({@code name/instance}); the answer names the block height it was read at.
     */
    public CompletionStage<ContractHost.QueryResult> query(String address, String query, byte[] argument) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(query, "query");
        List<ActorRef<ValidatorActor.Command>> known = validators;
        CompletionStage<List<ActorRef<ValidatorActor.Command>>> found = known.isEmpty()
                ? awaitValidators(1, settings.answerTimeout()) : CompletableFuture.completedFuture(known);
        Duration timeout = settings.answerTimeout();
        return found.thenCompose(refs -> {
            ActorRef<ValidatorActor.Command> validator = pick(refs);
            return AskPattern.<ValidatorActor.Command, ContractHost.QueryResult>ask(validator,
                            replyTo -> new ValidatorActor.QueryContract(address, query, argument, replyTo), timeout,
                            system.scheduler())
                    .exceptionallyCompose(failure -> {
                        Throwable cause = unwrap(failure);
                        if (cause instanceof TimeoutException) {
                            return CompletableFuture.failedFuture(new LedgerClientException(name(validator)
                                    + " did not answer query " + query + " on " + address + " within "
                                    + describe(timeout), cause));
                        }
                        return CompletableFuture.failedFuture(cause);
                    });
        });
    }

    /**
     * Asks one validator what {@code tx} would do if committed now, without submitting it ({@link DryRunResult}):
     * the validator's admission checks, then each execution it would cause against the state after its last
     * executed block. Nothing is kept; the transaction stays unsubmitted and its nonce unused.
     */
    public CompletionStage<DryRunResult> dryRun(Transaction tx) {
        Objects.requireNonNull(tx, "tx");
        return askAny("dry run of " + tx.hash().shortHex(), replyTo -> new ValidatorActor.DryRunTransaction(tx,
                replyTo));
    }

    /**
     * Asks one validator for the lowest nonce {@code sender} has not used on the ledger (committed transactions only;
     * another of its transactions may be pending with that nonce).
     */
    public CompletionStage<ValidatorActor.NextNonceAnswer> nextNonce(org.fogledger.ledger.crypto.PublicKey sender) {
        Objects.requireNonNull(sender, "sender");
        return askAny("next nonce of " + sender.keyId().shortHex(),
                replyTo -> new ValidatorActor.NextNonce(sender, replyTo));
    }

    /** Asks one validator for its status: height, round, connected peers, counters. */
    public CompletionStage<org.fogledger.ledger.validator.ValidatorStatus> status(ActorRef<ValidatorActor.Command> validator) {
        Objects.requireNonNull(validator, "validator");
        return askOne(validator, "status", ValidatorActor.GetStatus::new);
    }

    /** Asks one validator for committed block hashes from {@code fromHeight} (at most {@code max}). */
    public CompletionStage<org.fogledger.ledger.validator.CommittedHashes> committedHashes(long fromHeight, int max) {
        return askAny("committed hashes from " + fromHeight,
                replyTo -> new ValidatorActor.GetCommittedHashes(fromHeight, max, replyTo));
    }

    /**
     * The material of an audit proof for block {@code height} ({@link ValidatorActor.GetProofMaterial}): asks the
     * known validators one after another, from the next round-robin position, until one answers with material;
     * completes with the last refusal when none has it (the block not committed or executed yet everywhere). The
     * material needs no trust in whoever gave it: a proof built from it verifies against the genesis or it does not.
     * Fails with a {@link LedgerClientException} when no validator is known or none answers in time.
     */
    public CompletionStage<org.fogledger.ledger.validator.ProofMaterialAnswer> proofMaterial(long height,
                                                                                          int maxBlocks) {
        List<ActorRef<ValidatorActor.Command>> known = validators;
        CompletionStage<List<ActorRef<ValidatorActor.Command>>> found = known.isEmpty()
                ? awaitValidators(1, settings.answerTimeout()) : CompletableFuture.completedFuture(known);
        return found.thenCompose(refs -> proofMaterialFrom(distinct(refs, refs.size()), 0, height, maxBlocks, null,
                null));
    }

    private CompletionStage<org.fogledger.ledger.validator.ProofMaterialAnswer> proofMaterialFrom(
            List<ActorRef<ValidatorActor.Command>> order, int at, long height, int maxBlocks,
            org.fogledger.ledger.validator.ProofMaterialAnswer.Refused lastRefusal, Throwable lastFailure) {
        if (at >= order.size()) {
            return lastRefusal != null ? CompletableFuture.completedFuture(lastRefusal)
                    : CompletableFuture.failedFuture(lastFailure);
        }
        ActorRef<ValidatorActor.Command> validator = order.get(at);
        CompletionStage<org.fogledger.ledger.validator.ProofMaterialAnswer> asked = askOne(validator,
                "proof material of block " + height,
                replyTo -> new ValidatorActor.GetProofMaterial(height, maxBlocks, replyTo));
        return asked.handle((answer, failure) -> {
            if (answer instanceof org.fogledger.ledger.validator.ProofMaterialAnswer.ProofMaterial) {
                return CompletableFuture.completedFuture(answer);
            }
            return proofMaterialFrom(order, at + 1, height, maxBlocks,
                    answer instanceof org.fogledger.ledger.validator.ProofMaterialAnswer.Refused refused
                            ? refused : lastRefusal, failure != null ? unwrap(failure) : lastFailure);
        }).thenCompose(next -> next);
    }

    private <T> CompletionStage<T> askAny(String what,
                                          java.util.function.Function<ActorRef<T>, ValidatorActor.Command> message) {
        List<ActorRef<ValidatorActor.Command>> known = validators;
        CompletionStage<List<ActorRef<ValidatorActor.Command>>> found = known.isEmpty()
                ? awaitValidators(1, settings.answerTimeout()) : CompletableFuture.completedFuture(known);
        return found.thenCompose(refs -> askOne(pick(refs), what, message));
    }

    private <T> CompletionStage<T> askOne(ActorRef<ValidatorActor.Command> validator, String what,
                                          java.util.function.Function<ActorRef<T>, ValidatorActor.Command> message) {
        Duration timeout = settings.answerTimeout();
        return AskPattern.<ValidatorActor.Command, T>ask(validator, message::apply, timeout, system.scheduler())
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        return CompletableFuture.failedFuture(new LedgerClientException(name(validator)
                                + " did not answer (" + what + ") within " + describe(timeout), cause));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private CompletionStage<SubmitResult> ask(ActorRef<ValidatorActor.Command> validator, Transaction tx) {
        Duration timeout = settings.answerTimeout();
        return AskPattern.<ValidatorActor.Command, SubmitResult>ask(validator,
                        replyTo -> new ValidatorActor.Submit(tx, replyTo), timeout, system.scheduler())
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        return CompletableFuture.failedFuture(new LedgerClientException(name(validator)
                                + " did not answer within " + describe(timeout) + " for transaction "
                                + tx.hash().shortHex(), cause));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private ActorRef<ValidatorActor.Command> pick(List<ActorRef<ValidatorActor.Command>> known) {
        int index = settings.selection() == LedgerClientSettings.Selection.RANDOM
                ? ThreadLocalRandom.current().nextInt(known.size())
                : Math.floorMod(next.getAndIncrement(), known.size());
        return known.get(index);
    }

    /** {@code count} distinct validators, starting at the next round-robin (or a random) position. */
    private List<ActorRef<ValidatorActor.Command>> distinct(List<ActorRef<ValidatorActor.Command>> known, int count) {
        int start = settings.selection() == LedgerClientSettings.Selection.RANDOM
                ? ThreadLocalRandom.current().nextInt(known.size())
                : Math.floorMod(next.getAndAdd(count), known.size());
        List<ActorRef<ValidatorActor.Command>> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(known.get((start + i) % known.size()));
        }
        return chosen;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Following executed blocks

    /**
     * Subscribes {@code follower} to the executed-block notices ({@link ExecutedBlockNotice}) of {@code validators}
     * validators, and keeps it subscribed to that many as validators come and go (a restarted validator forgets its
     * subscribers; it is subscribed again when the receptionist lists it again). Validators are chosen in the
     * client's fixed order (by actor path). Each validator sends its own notice of each block, so a follower of
     * {@code f + 1} validators gets several notices per block and should act on the first; a notice is a hint from
     * one validator, to be confirmed with a {@link #query}.
     */
    public ExecutedSubscription followExecuted(ActorRef<ExecutedBlockNotice> follower, int validators) {
        Objects.requireNonNull(follower, "follower");
        if (validators < 1) {
            throw new IllegalArgumentException("validators must be at least 1, got " + validators);
        }
        listener.tell(new Follow(follower, validators));
        return () -> listener.tell(new Unfollow(follower));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Discovery

    /** Messages of the receptionist subscriber. */
    private sealed interface Listener {
    }

    private record Listed(Receptionist.Listing listing) implements Listener {
    }

    private enum Stop implements Listener { INSTANCE }

    private record Follow(ActorRef<ExecutedBlockNotice> follower, int validators) implements Listener {
    }

    private record Unfollow(ActorRef<ExecutedBlockNotice> follower) implements Listener {
    }

    private Behavior<Listener> listen() {
        return Behaviors.setup(context -> {
            ActorRef<Receptionist.Listing> adapter = context.messageAdapter(Receptionist.Listing.class, Listed::new);
            context.getSystem().receptionist().tell(Receptionist.subscribe(ValidatorActor.SERVICE_KEY, adapter));
            // Followers of executed blocks and how many validators each follows; touched on this actor only.
            java.util.Map<ActorRef<ExecutedBlockNotice>, Integer> followers = new java.util.LinkedHashMap<>();
            return Behaviors.receive(Listener.class)
                    .onMessage(Listed.class, listed -> {
                        update(listed.listing());
                        followers.forEach(this::subscribe);
                        return Behaviors.same();
                    })
                    .onMessage(Follow.class, follow -> {
                        if (followers.put(follow.follower(), follow.validators()) == null) {
                            // A follower that stops is unsubscribed here too, and never subscribed again.
                            context.watchWith(follow.follower(), new Unfollow(follow.follower()));
                        }
                        subscribe(follow.follower(), follow.validators());
                        return Behaviors.same();
                    })
                    .onMessage(Unfollow.class, unfollow -> {
                        if (followers.remove(unfollow.follower()) != null) {
                            context.unwatch(unfollow.follower());
                            for (ActorRef<ValidatorActor.Command> validator : validators) {
                                validator.tell(new ValidatorActor.UnsubscribeExecuted(unfollow.follower()));
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .build();
        });
    }

    /** Subscribing is idempotent at the validator, so the first {@code count} listed are simply asked again. */
    private void subscribe(ActorRef<ExecutedBlockNotice> follower, int count) {
        List<ActorRef<ValidatorActor.Command>> now = validators;
        for (int i = 0; i < Math.min(count, now.size()); i++) {
            now.get(i).tell(new ValidatorActor.SubscribeExecuted(follower));
        }
    }

    private void update(Receptionist.Listing listing) {
        List<ActorRef<ValidatorActor.Command>> refs = new ArrayList<>(listing.getServiceInstances(ValidatorActor.SERVICE_KEY));
        refs.sort(Comparator.comparing(ref -> ref.path().toString()));
        List<ActorRef<ValidatorActor.Command>> now = List.copyOf(refs);
        List<Waiter> satisfied = new ArrayList<>();
        synchronized (waiters) {
            validators = now;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (now.size() >= waiter.count) {
                    satisfied.add(waiter);
                    it.remove();
                }
            }
        }
        satisfied.forEach(w -> w.found.complete(now));
    }

    private record Waiter(int count, CompletableFuture<List<ActorRef<ValidatorActor.Command>>> found) {
    }

    @Override
    public void close() {
        listener.tell(Stop.INSTANCE);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Text

    /** "validator 1a2b3c4d" (the first 8 hex digits of its key id, as in logs), from its actor name. */
    static String name(ActorRef<?> validator) {
        String actor = validator.path().name();
        String prefix = "validator-";
        return actor.startsWith(prefix) && actor.length() >= prefix.length() + 8
                ? "validator " + actor.substring(prefix.length(), prefix.length() + 8)
                : "validator " + validator.path();
    }

    private static String describe(Object answer) {
        if (answer instanceof SubmitResult.Committed c) {
            return "committed at height " + c.receipt().height() + " index " + c.receipt().index() + " in block "
                    + c.blockHash().shortHex() + " (according to " + c.validator().keyId().shortHex() + ")";
        }
        if (answer instanceof SubmitResult.Refused r) {
            return "refused " + r.reason() + " (" + r.message() + ")";
        }
        if (answer instanceof Throwable t) {
            return "no answer: " + (t.getMessage() != null ? t.getMessage() : t.toString());
        }
        return String.valueOf(answer);
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
