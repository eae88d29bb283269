package org.fogledger.ledger.mempool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The nonces every sender has used on the ledger: the replay guard that outlives the consensus core's window of
 * recent committed blocks. It is ledger state, a function of the committed chain (like an account's nonce), so a
 * validator folds it from its journal and carries it in its snapshots; the mempool consults its own copy.
 *
 * <p>Size: one entry per sender that ever committed a transaction, each at most {@link SenderNonces#MAX_USED_ABOVE}
 * listed nonces (usually none: a sender's nonces are mostly consecutive). It grows with the number of senders, not
 * with the length of the chain. Not thread-safe; confined to its owner.
 */
public final class UsedNonceTable {
    /** The order of {@link #export()}: by the sender's tagged key encoding, unsigned bytes. */
    private static final Comparator<SenderNonces> BY_SENDER =
            Comparator.comparing(nonces -> nonces.sender().encoded(), Arrays::compareUnsigned);

    private final Map<PublicKey, UsedNonces> bySender = new HashMap<>();

    /** Marks the nonces of committed transactions as used. */
    public void markCommitted(List<Transaction> committed) {
        for (Transaction tx : committed) {
            markUsed(tx.sender(), tx.nonce());
        }
    }

    public void markUsed(PublicKey sender, long nonce) {
        bySender.computeIfAbsent(sender, s -> new UsedNonces()).markUsed(nonce);
    }

    public boolean isUsed(PublicKey sender, long nonce) {
        UsedNonces used = bySender.get(sender);
        return used != null && used.isUsed(nonce);
    }

    /** The lowest nonce {@code sender} has not used (lower unused ones may exist only above gaps). */
    public long lowestUnused(PublicKey sender) {
        UsedNonces used = bySender.get(sender);
        return used == null ? 0 : used.lowestUnused();
    }

    /** Senders with at least one used nonce. */
    public int senders() {
        return bySender.size();
    }

    /** Every sender's nonces, ordered by sender: equal tables give equal lists. */
    public List<SenderNonces> export() {
        List<SenderNonces> all = new ArrayList<>(bySender.size());
        bySender.forEach((sender, used) -> all.add(used.export(sender)));
        all.sort(BY_SENDER);
        return List.copyOf(all);
    }

    /** The table {@link #export()} described; refuses a sender listed twice. */
    public static UsedNonceTable restore(List<SenderNonces> exported) {
        UsedNonceTable table = new UsedNonceTable();
        for (SenderNonces nonces : exported) {
            if (table.bySender.putIfAbsent(nonces.sender(), new UsedNonces(nonces)) != null) {
                throw new IllegalArgumentException("sender " + nonces.sender().keyId().shortHex() + " is listed twice");
            }
        }
        return table;
    }

    /** An independent copy. */
    public UsedNonceTable copy() {
        return restore(export());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UsedNonceTable that && export().equals(that.export());
    }

    @Override
    public int hashCode() {
        return export().hashCode();
    }

    @Override
    public String toString() {
        return "UsedNonceTable[" + bySender.size() + " senders]";
    }
}
