package org.fogledger.ledger.mempool;

import java.util.List;
import java.util.TreeSet;

/**
 * The nonces one sender has used on the ledger. Every nonce below {@code floor} is used; above it, the used ones are
 * listed. A nonce is a replay guard, not an order: a sender's transactions may commit out of nonce order (they reach
 * different leaders first), and an unused nonce below a used one stays usable.
 *
 * <p>Memory is bounded: at most {@link #MAX_GAPS} used nonces are listed above the floor; beyond that the floor
 * moves up past the oldest, and the gaps it passes count as used (a sender that leaves thousands of nonces unused
 * loses them).
 */
final class UsedNonces {
    static final int MAX_GAPS = 4096;

    private long floor;
    private final TreeSet<Long> usedAboveFloor = new TreeSet<>();

    UsedNonces() {
    }

    /** The nonces a {@link SenderNonces} describes (already checked to be in the form {@link #export} gives). */
    UsedNonces(SenderNonces exported) {
        this.floor = exported.lowestUnused();
        this.usedAboveFloor.addAll(exported.usedAbove());
    }

    boolean isUsed(long nonce) {
        return nonce < floor || usedAboveFloor.contains(nonce);
    }

    void markUsed(long nonce) {
        if (nonce < floor) {
            return;
        }
        usedAboveFloor.add(nonce);
        while (usedAboveFloor.size() > MAX_GAPS) {
            floor = usedAboveFloor.pollFirst() + 1;
        }
        while (!usedAboveFloor.isEmpty() && usedAboveFloor.first() == floor) {
            usedAboveFloor.pollFirst();
            floor++;
        }
    }

    /** The lowest nonce not used yet. */
    long lowestUnused() {
        return floor;
    }

    /** An immutable copy, in the one form that describes these nonces. */
    SenderNonces export(org.fogledger.ledger.crypto.PublicKey sender) {
        return new SenderNonces(sender, floor, List.copyOf(usedAboveFloor));
    }
}
