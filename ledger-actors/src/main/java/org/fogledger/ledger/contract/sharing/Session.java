package org.fogledger.ledger.contract.sharing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One consumer's use of the device, paid from one escrow. Its id is the escrow's id, which the tokens contract
 * never reuses, so a session id is never reused either. Every unit paid was metered and every token paid came out
 * of the escrow: {@code paid = unitsPaid * price <= funded}; usage metered past the budget is recorded as
 * {@code unitsOverrun} and never paid.
 *
 * @param consumer      the escrow's payer, who gets back what is not paid
 * @param payee         the owner's account at opening: where payments go
 * @param offer         the sequence of the offer it opened under; price, unit and gateways are copied from it
 * @param unitsBudget   the units the escrow buys
 * @param funded        the escrow's amount at opening, {@code unitsBudget * price}
 * @param serviceBy     block time by which service must have started (see {@link SessionStatus#FAILED})
 * @param expiresAt     the escrow's expiry: no payment from then on
 * @param unitsPaid     units metered and paid
 * @param unitsOverrun  units metered past the budget, not paid
 * @param lastReportSeq the highest report sequence accepted; 0 before the first
 * @param refunded      tokens sent back to the consumer when the session ended
 * @param endedAt       block time it ended; null while open
 * @param note          why it ended, when someone said so
 */
public record Session(String id, String consumer, String payee, long offer, long price, String unit,
                      List<PublicKey> gateways, long unitsBudget, long funded, long openedAt, long serviceBy,
                      long expiresAt, long unitsPaid, long paid, long unitsOverrun, long lastReportSeq,
                      SessionStatus status, long refunded, Long endedAt, String note) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(status, "status");
        gateways = List.copyOf(gateways);
    }

    /** What the escrow still holds for this session. */
    @JsonIgnore
    public long remaining() {
        return funded - paid;
    }

    @JsonIgnore
    public long unitsLeft() {
        return unitsBudget - unitsPaid;
    }

    @JsonIgnore
    public boolean isOpen() {
        return status == SessionStatus.OPEN;
    }

    public boolean expiredAt(long blockTimeMillis) {
        return blockTimeMillis >= expiresAt;
    }

    Session metered(SharingEvent.Metered metered) {
        return new Session(id, consumer, payee, offer, price, unit, gateways, unitsBudget, funded, openedAt,
                serviceBy, expiresAt, Math.addExact(unitsPaid, metered.unitsPaid()),
                Math.addExact(paid, metered.amount()), Math.addExact(unitsOverrun, metered.unitsOverrun()),
                metered.reportSeq(), status, refunded, endedAt, note);
    }

    Session ended(SharingEvent.SessionEnded ended) {
        return new Session(id, consumer, payee, offer, price, unit, gateways, unitsBudget, funded, openedAt,
                serviceBy, expiresAt, unitsPaid, paid, unitsOverrun, lastReportSeq, ended.status(),
                ended.refunded(), ended.at(), ended.note());
    }
}
