package org.fogledger.ledger.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;

/**
 * Transactions waiting to be ordered, in arrival order, without duplicates, bounded. Admission rules (signature,
 * nonce, fairness) are the mempool's; this is only the queue the leader draws blocks from.
 */
final class TransactionPool implements TransactionSource {
    private final int capacity;
    private final LinkedHashMap<Hash, Transaction> pending = new LinkedHashMap<>();

    TransactionPool(int capacity) {
        this.capacity = capacity;
    }

    /** Adds what is new and fits; returns how many were added. */
    @Override
    public int addAll(Collection<Transaction> transactions, Set<Hash> alreadyCommitted) {
        int added = 0;
        for (Transaction tx : transactions) {
            if (pending.size() >= capacity) {
                break;
            }
            Hash hash = tx.hash();
            if (!alreadyCommitted.contains(hash) && pending.putIfAbsent(hash, tx) == null) {
                added++;
            }
        }
        return added;
    }

    /** The oldest transactions not {@code excluded}, up to the count and byte limits. */
    @Override
    public List<Transaction> select(int maxCount, int maxBytes, Predicate<Hash> excluded) {
        List<Transaction> chosen = new ArrayList<>();
        long bytes = 0;
        for (var entry : pending.entrySet()) {
            if (chosen.size() >= maxCount) {
                break;
            }
            if (excluded.test(entry.getKey())) {
                continue;
            }
            int size = entry.getValue().encodedSize();
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            chosen.add(entry.getValue());
        }
        return chosen;
    }

    @Override
    public void removeAll(Collection<Hash> hashes) {
        for (Hash hash : hashes) {
            pending.remove(hash);
        }
    }

    @Override
    public boolean isEmpty() {
        return pending.isEmpty();
    }

    @Override
    public int size() {
        return pending.size();
    }
}
