package org.fogledger.simulator.behaviour;

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
    private final AtomicReferenceArray<Transaction> recent = new AtomicReferenceArray<>(64);
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
     * Submits to every validator the client knows and completes once all executed it at the same place: after that,
     * whichever validator a gateway asks has the transaction's effect. For what gateways read (installations, blocks,
     * consents). Answers the first validator's receipt.
     */
    CompletionStage<SubmitResult> submitEverywhere(Transaction tx, String what) {
        int known = Math.max(1, client.validators().size());
        return client.submitAndConfirm(tx, known).thenApplyAsync(quorum -> {
            SubmitResult result = quorum.receipts().get(0);
            noteIfOk(tx, what, result);
            return result;
        }, work);
    }

    private void noteIfOk(Transaction tx, String what, SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed && committed.receipt().isOk()) {
            acknowledged.acknowledged(new AcknowledgedOnLedgerCheck.Acknowledged(tx.hash(), what,
                    committed.receipt().height(), committed.receipt().index(), committed.blockHash()));
            recent.set((int) (recentCount.getAndIncrement() % recent.length()), tx);
        }
    }

    /** One of the last transactions committed OK, or null. */
    Transaction recentlyCommitted(java.util.SplittableRandom random) {
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
