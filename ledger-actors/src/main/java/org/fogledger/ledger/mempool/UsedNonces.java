package org.fogledger.ledger.mempool;

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
}
