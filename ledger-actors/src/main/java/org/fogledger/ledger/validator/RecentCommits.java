package org.fogledger.ledger.validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;

/**
 * The transactions this validator saw committed most recently, and the answer each got once executed.
 *
 * <p>Why: a client that sends one transaction to several validators (to hear {@code f + 1} of them confirm it)
 * reaches some of them after they committed it. Their mempool then sees a used nonce. The honest answer to a copy of
 * a committed transaction is its receipt, not a refusal: this table gives it, or says the receipt is on its way
 * (committed, not yet executed). It forgets the oldest entries beyond its capacity, and starts empty after a
 * restart: a copy older than that still meets {@code NONCE_USED}, which names the nonce.
 *
 * <p>Plain Java, used by the validator actor's thread only.
 */
final class RecentCommits {
    /** What is known of a transaction this validator committed. */
    sealed interface Known {
    }

    /** Committed; the receipt comes with its block's execution. */
    record AwaitingExecution() implements Known {
    }

    /** Executed: the answer every client that submitted it got. */
    record Executed(SubmitResult.Committed answer) implements Known {
    }

    private static final AwaitingExecution AWAITING = new AwaitingExecution();

    private final int capacity;
    private final LinkedHashMap<Hash, Known> byHash;

    RecentCommits(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.byHash = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Known> eldest) {
                return size() > RecentCommits.this.capacity;
            }
        };
    }

    /** A block's transactions are committed (in commit order). */
    void committed(List<Transaction> transactions) {
        for (Transaction tx : transactions) {
            byHash.putIfAbsent(tx.hash(), AWAITING);
        }
    }

    /** A committed transaction was executed and answered with {@code answer}. */
    void executed(SubmitResult.Committed answer) {
        byHash.put(answer.receipt().txHash(), new Executed(answer));
    }

    /** What this validator knows of {@code txHash}, if it committed it recently. */
    Optional<Known> find(Hash txHash) {
        return Optional.ofNullable(byHash.get(txHash));
    }

    int size() {
        return byHash.size();
    }
}
