package org.fogledger.ledger.contract.sharing;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A device's owner's standing offer: use of the device at {@code price} tokens per {@code unit}, metered by
 * {@code gateways}. Sessions copy the terms they opened under, so a later offer changes no open session.
 *
 * @param sequence           which offer of this device it is (1, 2, ...): a consumer names it, so an offer that
 *                           changed under them is not accepted in its place
 * @param owner              the owner the registry checked when it relayed the offer
 * @param payee              the owner's account, the only one a session's escrow may pay
 * @param expiresAt          block time from which no session opens; null for no end
 * @param serviceStartMillis how long after a session opens its service must have started
 * @param offeredAt          block time of the offer
 */
public record Offer(long sequence, PublicKey owner, String payee, long price, String unit,
                    List<PublicKey> gateways, Long expiresAt, long maxUnitsPerSession, long serviceStartMillis,
                    long offeredAt) {

    public Offer {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(unit, "unit");
        gateways = List.copyOf(gateways);
    }

    public boolean expiredAt(long blockTimeMillis) {
        return expiresAt != null && blockTimeMillis >= expiresAt;
    }
}
