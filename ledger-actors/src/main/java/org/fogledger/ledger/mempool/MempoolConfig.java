package org.fogledger.ledger.mempool;

import org.fogledger.ledger.codec.CodecLimits;

/**
 * Limits of one validator's mempool.
 *
 * <p><b>Memory bound.</b> At most {@code capacity} transactions are pending, each at most
 * {@code maxTransactionBytes} encoded, and all together at most {@code maxPendingBytes} encoded. A
 * {@link org.fogledger.ledger.chain.Transaction} keeps its encoding and a copy of its payload, so the pending
 * transactions take at most {@code 2 × min(maxPendingBytes, capacity × maxTransactionBytes)} plus a fixed overhead of
 * a few hundred bytes per transaction (the object, its map entries). Beyond either limit admission answers
 * {@link RefusalReason#MEMPOOL_FULL}: the pool never grows, never queues, never evicts to make room.
 *
 * @param chainId             the chain whose transactions are admitted; any other chain id is refused
 * @param capacity            most transactions pending at once, all senders together
 * @param maxPerSender        most transactions one sender may have pending, so that one sender cannot fill the pool
 * @param maxTransactionBytes largest encoded transaction admitted, signature included
 * @param maxPendingBytes     most encoded bytes pending at once, all transactions together
 */
public record MempoolConfig(String chainId, int capacity, int maxPerSender, int maxTransactionBytes,
                            long maxPendingBytes) {

    public MempoolConfig {
        if (chainId == null || chainId.isEmpty()) {
            throw new IllegalArgumentException("chainId must not be empty");
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (maxPerSender <= 0 || maxPerSender > capacity) {
            throw new IllegalArgumentException("maxPerSender must be in [1, capacity=" + capacity + "], got "
                    + maxPerSender);
        }
        if (maxTransactionBytes <= 0) {
            throw new IllegalArgumentException("maxTransactionBytes must be positive, got " + maxTransactionBytes);
        }
        if (maxPendingBytes < maxTransactionBytes) {
            throw new IllegalArgumentException("maxPendingBytes must be at least maxTransactionBytes="
                    + maxTransactionBytes + ", got " + maxPendingBytes);
        }
    }

    /** Limits where only the count binds: {@code maxPendingBytes = capacity × maxTransactionBytes}. */
    public MempoolConfig(String chainId, int capacity, int maxPerSender, int maxTransactionBytes) {
        this(chainId, capacity, maxPerSender, maxTransactionBytes, (long) capacity * maxTransactionBytes);
    }

    /**
     * 100,000 pending transactions, 1,000 per sender, transactions up to the codec's limit (64 KiB), 256 MiB of
     * encoded transactions: about 600 MiB of heap at worst, 50-100 MiB for typical transactions of a few hundred
     * bytes.
     */
    public static MempoolConfig defaults(String chainId) {
        return new MempoolConfig(chainId, 100_000, 1_000, CodecLimits.DEFAULT.maxTransactionBytes(),
                256L * 1024 * 1024);
    }

    public MempoolConfig withCapacity(int capacity, int maxPerSender) {
        return new MempoolConfig(chainId, capacity, maxPerSender, maxTransactionBytes,
                Math.max(maxPendingBytes, maxTransactionBytes));
    }

    public MempoolConfig withMaxTransactionBytes(int maxTransactionBytes) {
        return new MempoolConfig(chainId, capacity, maxPerSender, maxTransactionBytes,
                Math.max(maxPendingBytes, maxTransactionBytes));
    }

    public MempoolConfig withMaxPendingBytes(long maxPendingBytes) {
        return new MempoolConfig(chainId, capacity, maxPerSender, maxTransactionBytes, maxPendingBytes);
    }
}
