package org.fogledger.ledger.mempool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.TransactionSource;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The transactions a validator holds for block building, behind admission rules. Plain, deterministic Java: no
 * clock, no threads, no I/O; the validator actor calls it from one thread (it is not thread-safe), and verifies
 * signatures before calling {@link #admit} (see {@link ParallelSignatureVerifier}).
 *
 * <p><b>Admission</b>, in this order, the first failing rule answering: chain id ({@link RefusalReason#WRONG_CHAIN}),
 * encoded size ({@code TOO_LARGE}), same hash already pending ({@code DUPLICATE}), signature ({@code BAD_SIGNATURE}),
 * sender policy ({@code SENDER_REFUSED}), nonce ({@code NONCE_USED}), the sender's quota ({@code SENDER_QUOTA_FULL})
 * and the pool's capacity in transactions and bytes ({@code MEMPOOL_FULL}). The last two are back-pressure: the
 * submitter is told to retry later; nothing is queued beyond the limits and nothing pending is evicted to make room,
 * so memory stays within the bound documented on {@link MempoolConfig}.
 *
 * <p><b>Nonces.</b> Per sender the mempool knows which nonces the ledger has used ({@link #onCommitted}; see
 * {@link UsedNonceTable}). A transaction whose nonce is used is {@code NONCE_USED}; so is a second pending transaction with the same
 * (sender, nonce) but another hash: the first one admitted wins, a sender cannot replace a pending transaction.
 * <em>Gaps are allowed</em>: nonces need not be contiguous, only unused, so a client that lost track of a nonce, or
 * submits to several validators at once, is never stuck behind a transaction that will not come. The price is that a
 * nonce is a replay guard, not an ordering guarantee across blocks; within a block, and across the blocks one
 * validator builds, a sender's transactions come in nonce order. A commit removes a pending transaction that uses
 * the same (sender, nonce) as a committed one: it can never execute. Lower unused nonces stay admissible (another
 * leader may simply have ordered a higher nonce first).
 *
 * <p><b>Fairness.</b> Each sender has its own queue, in nonce order. A block takes transactions round-robin across
 * senders, one from each sender per pass, starting with the senders served least recently; the senders it served
 * then move to the back of that order. A flooding sender therefore gets at most an equal share of every block while
 * other senders have transactions waiting, and at admission it is held to {@link MempoolConfig#maxPerSender()}.
 *
 * <p><b>As the core's {@link TransactionSource}.</b> The host admits client transactions with {@link #admit}, then
 * tells the core with {@code Input.TransactionsAvailable}; {@link #addAll} treats what arrives that way as already
 * admitted by the host (signature verified) and counts the ones pending. The core removes committed transactions by
 * hash ({@link #removeAll}); the host must also give every committed block's transactions to {@link #onCommitted},
 * which raises the senders' nonces so that replays of committed transactions are refused.
 */
public final class Mempool implements TransactionSource {
    private final MempoolConfig config;
    private final Map<Hash, Transaction> pending = new HashMap<>();
    // Senders with pending transactions, least recently served by block building first.
    private final LinkedHashMap<PublicKey, SenderQueue> senders = new LinkedHashMap<>();
    // Used nonces per sender that ever committed: ledger state (like an account's nonce), not pending state, so not
    // bounded by capacity; about 150 bytes per sender. A node restarting restores it (restoreUsedNonces).
    private UsedNonceTable usedNonces = new UsedNonceTable();
    private Predicate<PublicKey> refusedSenders = sender -> false;
    private long pendingBytes;

    public Mempool(MempoolConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public MempoolConfig config() {
        return config;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Admission

    /**
     * Admits {@code tx} or says why not. {@code signatureValid} is the caller's verification of the transaction's
     * signature (usually through a {@link BoundedVerificationCache}); the mempool does no cryptography itself.
     */
    public Admission admit(Transaction tx, boolean signatureValid) {
        Objects.requireNonNull(tx, "tx");
        Admission.Refused shape = refusedForShape(tx);
        if (shape != null) {
            return shape;
        }
        Hash hash = tx.hash();
        if (pending.containsKey(hash)) {
            return refuse(RefusalReason.DUPLICATE, "transaction " + hash.shortHex() + " is already pending");
        }
        Admission.Refused bySender = refusedForSender(tx, signatureValid);
        if (bySender != null) {
            return bySender;
        }
        PublicKey sender = tx.sender();
        long nonce = tx.nonce();
        int size = tx.encodedSize();
        SenderQueue queue = senders.get(sender);
        if (queue != null) {
            Transaction holder = queue.byNonce.get(nonce);
            if (holder != null) {
                return refuse(RefusalReason.NONCE_USED, "nonce " + nonce + " of sender " + name(sender)
                        + " is already taken by pending transaction " + holder.hash().shortHex());
            }
            if (queue.byNonce.size() >= config.maxPerSender()) {
                return refuse(RefusalReason.SENDER_QUOTA_FULL, "sender " + name(sender) + " has "
                        + queue.byNonce.size() + " pending; retry later");
            }
        }
        if (pending.size() >= config.capacity()) {
            return refuse(RefusalReason.MEMPOOL_FULL,
                    "mempool full (" + pending.size() + " transactions pending), retry later");
        }
        if (pendingBytes + size > config.maxPendingBytes()) {
            return refuse(RefusalReason.MEMPOOL_FULL, "mempool full (" + pendingBytes + " of "
                    + config.maxPendingBytes() + " bytes pending), retry later");
        }
        if (queue == null) {
            queue = new SenderQueue();
            senders.put(sender, queue);
        }
        queue.byNonce.put(nonce, tx);
        pending.put(hash, tx);
        pendingBytes += size;
        return new Admission.Admitted(hash);
    }

    /**
     * Sets the operator's policy: senders for which {@code refused} holds are refused from now on, and their
     * pending transactions are dropped. Returns how many were dropped.
     */
    public int setRefusedSenders(Predicate<PublicKey> refused) {
        this.refusedSenders = Objects.requireNonNull(refused, "refused");
        List<Hash> dropped = new ArrayList<>();
        for (var entry : senders.entrySet()) {
            if (refused.test(entry.getKey())) {
                for (Transaction tx : entry.getValue().byNonce.values()) {
                    dropped.add(tx.hash());
                }
            }
        }
        removeAll(dropped);
        return dropped.size();
    }

    /** Convenience for {@link #setRefusedSenders(Predicate)} with a fixed set (copied). */
    public int setRefusedSenders(Set<PublicKey> refused) {
        Set<PublicKey> copy = Set.copyOf(refused);
        return setRefusedSenders(copy::contains);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Commits

    /**
     * Transactions of a committed block: they leave the pool, their senders' nonces rise, and pending transactions
     * of those senders whose nonce is now used are dropped (they could never execute).
     */
    public void onCommitted(List<Transaction> committed) {
        List<Hash> stale = new ArrayList<>();
        for (Transaction tx : committed) {
            remove(tx.hash());
            usedNonces.markUsed(tx.sender(), tx.nonce());
            // Another pending transaction of the sender with the same nonce can never execute now.
            SenderQueue queue = senders.get(tx.sender());
            Transaction rival = queue == null ? null : queue.byNonce.get(tx.nonce());
            if (rival != null) {
                stale.add(rival.hash());
            }
        }
        removeAll(stale);
    }

    /** The lowest nonce {@code sender} has not used on the ledger (lower unused ones may exist only above gaps). */
    public long nextNonce(PublicKey sender) {
        return usedNonces.lowestUnused(sender);
    }

    /** A copy of the used-nonce table: what a snapshot of the ledger's replay guard holds. */
    public UsedNonceTable usedNonces() {
        return usedNonces.copy();
    }

    /**
     * Replaces the used-nonce table with a copy of {@code table}: a restarting validator's table, recovered from its
     * snapshot and journal. Pending transactions are not checked again (a node restores before it admits any).
     */
    public void restoreUsedNonces(UsedNonceTable table) {
        this.usedNonces = table.copy();
    }

    // -------------------------------------------------------------------------------------------------------------
    // TransactionSource: what the core uses

    /**
     * Transactions the host passed to the core with {@code TransactionsAvailable}, which it has already verified
     * (normally already admitted through {@link #admit}, then they are found pending and counted). Those not pending
     * yet go through admission with their signature taken as valid: the host must not pass transactions whose
     * signature it has not verified. Were it to, the harm is bounded: replicas verify every transaction of a
     * proposal, so this validator's block would be refused, not committed. Those in {@code alreadyCommitted}, or
     * refused by admission, are skipped.
     *
     * @return how many of {@code transactions} are pending after the call
     */
    @Override
    public int addAll(Collection<Transaction> transactions, Set<Hash> alreadyCommitted) {
        int waiting = 0;
        for (Transaction tx : transactions) {
            if (tx == null || alreadyCommitted.contains(tx.hash())) {
                continue;
            }
            if (pending.containsKey(tx.hash()) || admit(tx, true).admitted()) {
                waiting++;
            }
        }
        return waiting;
    }

    /**
     * Transactions for the next block, round-robin across senders (see the class comment): at most
     * {@code maxCount}, at most {@code maxBytes} encoded, none {@code excluded}. A sender's transactions come in
     * nonce order; when its next one does not fit the remaining bytes, that sender gives nothing more to this block,
     * so its later nonces never overtake it. Removes nothing; moves the senders served to the back of the order.
     */
    @Override
    public List<Transaction> select(int maxCount, int maxBytes, Predicate<Hash> excluded) {
        BlockDraft draft = new BlockDraft(maxCount, maxBytes, excluded);
        List<SenderCursor> served = new ArrayList<>();
        // First pass: walk the senders in order, lazily, so a pool of many senders with one transaction each costs
        // only as many steps as the block has room for.
        Iterator<Map.Entry<PublicKey, SenderQueue>> ring = senders.entrySet().iterator();
        while (ring.hasNext() && !draft.full()) {
            var entry = ring.next();
            SenderCursor cursor = new SenderCursor(entry.getKey(), entry.getValue().byNonce.values().iterator());
            if (draft.takeNextFrom(cursor)) {
                served.add(cursor);
            }
        }
        // Later passes: only the senders that gave something in the pass before.
        List<SenderCursor> round = served;
        while (!round.isEmpty() && !draft.full()) {
            List<SenderCursor> next = new ArrayList<>(round.size());
            for (SenderCursor cursor : round) {
                if (draft.full()) {
                    break;
                }
                if (draft.takeNextFrom(cursor)) {
                    next.add(cursor);
                }
            }
            round = next;
        }
        for (SenderCursor cursor : served) {
            senders.put(cursor.sender, senders.remove(cursor.sender));
        }
        return draft.chosen;
    }

    @Override
    public void removeAll(Collection<Hash> hashes) {
        for (Hash hash : hashes) {
            remove(hash);
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

    // -------------------------------------------------------------------------------------------------------------
    // Queries

    public boolean contains(Hash hash) {
        return pending.containsKey(hash);
    }

    /** Encoded bytes of all pending transactions. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** How many transactions {@code sender} has pending. */
    public int pendingFrom(PublicKey sender) {
        SenderQueue queue = senders.get(sender);
        return queue == null ? 0 : queue.byNonce.size();
    }

    /** Senders with pending transactions. */
    public int senderCount() {
        return senders.size();
    }

    @Override
    public String toString() {
        return "Mempool[" + pending.size() + "/" + config.capacity() + " transactions, " + pendingBytes + " bytes, "
                + senders.size() + " senders]";
    }

    // -------------------------------------------------------------------------------------------------------------

    private void remove(Hash hash) {
        Transaction tx = pending.remove(hash);
        if (tx == null) {
            return;
        }
        pendingBytes -= tx.encodedSize();
        SenderQueue queue = senders.get(tx.sender());
        queue.byNonce.remove(tx.nonce());
        if (queue.byNonce.isEmpty()) {
            senders.remove(tx.sender());
        }
    }

    /**
     * What admission would refuse {@code tx} for on its own, whatever else is pending: its chain, its size, its
     * signature, its sender, a used nonce. Null when none of these. For a dry run, which must meet the checks of a
     * submission without entering the pool.
     */
    public Admission.Refused refusalOnItsOwn(Transaction tx, boolean signatureValid) {
        Objects.requireNonNull(tx, "tx");
        Admission.Refused shape = refusedForShape(tx);
        return shape != null ? shape : refusedForSender(tx, signatureValid);
    }

    private Admission.Refused refusedForShape(Transaction tx) {
        if (!config.chainId().equals(tx.chainId())) {
            return refuse(RefusalReason.WRONG_CHAIN,
                    "chain id '" + tx.chainId() + "' is not this chain's '" + config.chainId() + "'");
        }
        int size = tx.encodedSize();
        if (size > config.maxTransactionBytes()) {
            return refuse(RefusalReason.TOO_LARGE,
                    "transaction is " + size + " bytes, limit " + config.maxTransactionBytes());
        }
        return null;
    }

    private Admission.Refused refusedForSender(Transaction tx, boolean signatureValid) {
        PublicKey sender = tx.sender();
        if (!signatureValid) {
            return refuse(RefusalReason.BAD_SIGNATURE, "signature of transaction " + tx.hash().shortHex()
                    + " does not verify for sender " + name(sender));
        }
        if (refusedSenders.test(sender)) {
            return refuse(RefusalReason.SENDER_REFUSED, "sender " + name(sender) + " is refused by policy");
        }
        long nonce = tx.nonce();
        if (usedNonces.isUsed(sender, nonce)) {
            return refuse(RefusalReason.NONCE_USED, "nonce " + nonce + " already used by sender " + name(sender)
                    + " (lowest unused " + Long.toUnsignedString(usedNonces.lowestUnused(sender)) + ")");
        }
        return null;
    }

    private static Admission.Refused refuse(RefusalReason reason, String message) {
        return new Admission.Refused(reason, message);
    }

    /** How messages name a sender: the first 8 hex digits of its key id, its identity on the ledger. */
    static String name(PublicKey sender) {
        return sender.keyId().shortHex();
    }

    /** One sender's pending transactions, by nonce (unique among a sender's pending transactions). */
    private static final class SenderQueue {
        final NavigableMap<Long, Transaction> byNonce = new TreeMap<>();
    }

    /** Where block building is in one sender's queue. */
    private record SenderCursor(PublicKey sender, Iterator<Transaction> remaining) {
    }

    /** The block being filled by {@link #select}. */
    private static final class BlockDraft {
        final List<Transaction> chosen = new ArrayList<>();
        final int maxCount;
        final int maxBytes;
        final Predicate<Hash> excluded;
        long bytes;

        BlockDraft(int maxCount, int maxBytes, Predicate<Hash> excluded) {
            this.maxCount = maxCount;
            this.maxBytes = maxBytes;
            this.excluded = Objects.requireNonNull(excluded, "excluded");
        }

        boolean full() {
            return chosen.size() >= maxCount || bytes >= maxBytes;
        }

        /** Adds the sender's next transaction not excluded, if it fits; false when that sender gives no more. */
        boolean takeNextFrom(SenderCursor cursor) {
            while (cursor.remaining.hasNext()) {
                Transaction tx = cursor.remaining.next();
                if (excluded.test(tx.hash())) {
                    continue;
                }
                int size = tx.encodedSize();
                if (bytes + size > maxBytes) {
                    return false;
                }
                bytes += size;
                chosen.add(tx);
                return true;
            }
            return false;
        }
    }
}
