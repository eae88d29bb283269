package org.fogledger.ledger.mempool;

/**
 * Why the mempool refused a transaction. The first six are final for that transaction; the last two are
 * back-pressure: the same transaction may be admitted later, and the message says so.
 */
public enum RefusalReason {
    /** The signature does not verify for the sender's key over the transaction's signing bytes. */
    BAD_SIGNATURE(false),
    /** The transaction names another chain; admitting it would let a transaction be replayed across chains. */
    WRONG_CHAIN(false),
    /** The encoded transaction exceeds the mempool's per-transaction limit. */
    TOO_LARGE(false),
    /** The sender's nonce is below its next committed nonce, or another pending transaction holds it. */
    NONCE_USED(false),
    /** The very same transaction (same hash) is already pending. */
    DUPLICATE(false),
    /** The operator's policy refuses this sender. */
    SENDER_REFUSED(false),
    /** The sender already has as many transactions pending as one sender may. */
    SENDER_QUOTA_FULL(true),
    /** The mempool holds as many transactions (or bytes) as it may. */
    MEMPOOL_FULL(true);

    private final boolean retryLater;

    RefusalReason(boolean retryLater) {
        this.retryLater = retryLater;
    }

    /** True when the same transaction may be admitted later, once blocks have drained the pool. */
    public boolean retryLater() {
        return retryLater;
    }
}
