package org.fogledger.ledger.consensus;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;

/**
 * Where the leader draws the transactions of its blocks from: the core's own {@link TransactionPool}, or a host's
 * mempool that applies admission rules (signature, nonce, quotas, fairness) in front of the core. Implementations
 * are called from the core's single thread of inputs, so they need not be thread-safe, and must be as
 * deterministic as the core: same calls in the same order, same answers.
 */
public interface TransactionSource {

    /**
     * Offers transactions that arrived with {@link Input.TransactionsAvailable}, skipping those in
     * {@code alreadyCommitted}. Returns how many of them are waiting to be ordered thanks to this call or to the
     * host's admission just before it; a leader waiting to propose an empty block proposes at once when the answer
     * is positive. {@link TransactionPool}, filled only through this method, counts those it added; a mempool that
     * the host fills through its own admission also counts those already pending, so that the host's
     * {@code TransactionsAvailable} still wakes an idle leader.
     */
    int addAll(Collection<Transaction> transactions, Set<Hash> alreadyCommitted);

    /**
     * Transactions for the next block, in block order: at most {@code maxCount}, at most {@code maxBytes} of
     * encoded transactions, none for which {@code excluded} holds (already in an ancestor block or committed).
     * Selecting removes nothing.
     */
    List<Transaction> select(int maxCount, int maxBytes, Predicate<Hash> excluded);

    /** Forgets these transactions (committed); unknown hashes are ignored. */
    void removeAll(Collection<Hash> hashes);

    boolean isEmpty();

    /** Transactions waiting to be ordered. */
    int size();
}
