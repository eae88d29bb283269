package org.fogledger.simulator.behaviour;

import org.fogledger.ledger.validator.ValidatorActor;
import org.apache.pekko.actor.typed.ActorRef;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.QuorumReceipt;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * The simulator's way to the ledger: signs transactions, submits them through the {@link LedgerClient}, and offers
 * every receipt that says committed OK to the acknowledged-transactions check.
 *
 * <p><b>Nonces.</b> A nonce is a replay guard per sender, not an order (docs/CONSENSUS.md): any unused one is
 * good. One counter for all senders, starting at the wall clock in microseconds, gives every transaction of this
 * run a nonce no earlier run of the same keys used (a fleet's keys derive from its seed, so a second run against
 * the same ledger signs with the same keys).
 */
final class LedgerPort {
    private final LedgerClient client;
    private final String chainId;
    private final Executor work;
    private final AcknowledgedOnLedgerCheck acknowledged;
    private final AtomicLong nonces = new AtomicLong(System.currentTimeMillis() * 1000);
    /** The last transactions committed OK, for {@code replay target=transaction}. */
    private final AtomicReferenceArray<Seen> recent = new AtomicReferenceArray<>(64);
    private final AtomicLong recentCount = new AtomicLong();

    LedgerPort(LedgerClient client, String chainId, Executor work, AcknowledgedOnLedgerCheck acknowledged) {
        this.client = client;
        this.chainId = chainId;
        this.work = work;
        this.acknowledged = acknowledged;
    }

    LedgerClient client() {
        return client;
    }

    String chainId() {
        return chainId;
    }

    Transaction sign(KeyPair signer, String address, String command, String json) {
        return Transaction.sign(signer, chainId, nonces.getAndIncrement(), address, command,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits to one validator; the answer is its receipt (or refusal). */
    CompletionStage<SubmitResult> submit(Transaction tx, String what) {
        return client.submit(tx).thenApplyAsync(result -> {
            noteIfOk(tx, what, result);
            return result;
        }, work);
    }

    /**
     * Submits to one validator and, once it is committed, waits until every validator the client knows has executed
     * the block that holds it: after that, whichever validator a gateway asks has the transaction's effect. For what
     * gateways read (installations, blocks, consents). Answers the receipt; fails with a timeout naming the validators
     * still behind after the answer timeout.
     *
     * <p>Not by submitting to every validator: the transaction may commit before the slower ones receive it, and they
     * then refuse the copy as a used nonce although it is on the chain (seen under CI load).
     */
    CompletionStage<SubmitResult> submitEverywhere(Transaction tx, String what) {
        long deadline = System.nanoTime() + client.settings().answerTimeout().toNanos();
        return client.submit(tx).thenComposeAsync(result -> {
            noteIfOk(tx, what, result);
            if (!(result instanceof SubmitResult.Committed committed)) {
                return CompletableFuture.completedFuture(result);
            }
            return executedEverywhere(committed.receipt().height(), deadline, tx).thenApply(done -> result);
        }, work);
    }

    /** Polls the validators' executed heights every 50 ms until all reach {@code height}, or the deadline. */
    private CompletableFuture<Void> executedEverywhere(long height, long deadline, Transaction tx) {
        List<ActorRef<ValidatorActor.Command>> validators = client.validators();
        List<CompletableFuture<Long>> heights = new ArrayList<>(validators.size());
        for (ActorRef<ValidatorActor.Command> validator : validators) {
            heights.add(client.status(validator).toCompletableFuture()
                    .thenApply(status -> status.counters().getOrDefault("executedHeight", 0L))
                    .exceptionally(failure -> -1L));
        }
        return CompletableFuture.allOf(heights.toArray(CompletableFuture[]::new)).thenCompose(all -> {
            long behind = heights.stream().filter(h -> h.join() < height).count();
            if (behind == 0) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("transaction "
                        + tx.hash().shortHex() + " committed at height " + height + " but " + behind + " of "
                        + validators.size() + " validators had not executed it within the answer timeout"));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(50,
                    java.util.concurrent.TimeUnit.MILLISECONDS, work)).thenCompose(again ->
                    executedEverywhere(height, deadline, tx));
        });
    }

    private void noteIfOk(Transaction tx, String what, SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed && committed.receipt().isOk()) {
            AcknowledgedOnLedgerCheck.Acknowledged where = new AcknowledgedOnLedgerCheck.Acknowledged(tx.hash(), what,
                    committed.receipt().height(), committed.receipt().index(), committed.blockHash());
            acknowledged.acknowledged(where);
            recent.set((int) (recentCount.getAndIncrement() % recent.length()), new Seen(tx, where));
        }
    }

    /** A transaction committed OK, and where its receipt placed it. */
    record Seen(Transaction tx, AcknowledgedOnLedgerCheck.Acknowledged where) {
    }

    /** One of the last transactions committed OK, or null. */
    Seen recentlyCommitted(java.util.SplittableRandom random) {
        long count = recentCount.get();
        if (count == 0) {
            return null;
        }
        return recent.get(random.nextInt((int) Math.min(count, recent.length())));
    }

    CompletionStage<ContractHost.QueryResult> query(String address, String query, String json) {
        return client.query(address, query, json.getBytes(StandardCharsets.UTF_8)).thenApplyAsync(r -> r, work);
    }

    /** The hash of the committed block at {@code height}, as one validator's chain has it. */
    CompletionStage<Optional<Hash>> committedBlockAt(long height) {
        return client.committedHashes(height, 1).thenApply(hashes -> hashes.hashes().isEmpty()
                || hashes.firstHeight() != height ? Optional.<Hash>empty() : Optional.of(hashes.hashes().get(0)));
    }
}
