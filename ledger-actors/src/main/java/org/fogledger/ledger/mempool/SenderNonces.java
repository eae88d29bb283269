package org.fogledger.ledger.mempool;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The nonces one sender has used on the ledger, as a value: every nonce below {@code lowestUnused}, and the ones in
 * {@code usedAbove}. There is exactly one such value per set of used nonces (the form {@link UsedNonceTable} keeps),
 * so two equal tables export equal lists and encode to equal bytes.
 *
 * @param usedAbove used nonces above {@code lowestUnused} (none equal to it: it would have been absorbed into it),
 *                  strictly increasing, at most {@link #MAX_USED_ABOVE}
 */
public record SenderNonces(PublicKey sender, long lowestUnused, List<Long> usedAbove) {
    /** The most used nonces listed above the floor; beyond it the floor moves up (see {@code UsedNonces}). */
    public static final int MAX_USED_ABOVE = UsedNonces.MAX_GAPS;

    public SenderNonces {
        Objects.requireNonNull(sender, "sender");
        usedAbove = List.copyOf(usedAbove);
        if (usedAbove.size() > MAX_USED_ABOVE) {
            throw new IllegalArgumentException("sender " + sender.keyId().shortHex() + " lists " + usedAbove.size()
                    + " used nonces above its floor, at most " + MAX_USED_ABOVE);
        }
        long previous = lowestUnused;
        for (int i = 0; i < usedAbove.size(); i++) {
            long nonce = usedAbove.get(i);
            // Strictly above the floor (one equal to it would have moved the floor up), and above the one before.
            if (nonce <= previous) {
                throw new IllegalArgumentException("used nonces of sender " + sender.keyId().shortHex()
                        + " are not in canonical form at index " + i + ": " + nonce + " after " + previous
                        + " (lowest unused " + lowestUnused + ")");
            }
            previous = nonce;
        }
    }
}
