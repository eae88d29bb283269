package org.fogledger.ledger.contract.sharing;

/**
 * Running sums over every session a device ever had, kept when old sessions leave the state: what an auditor
 * compares with the tokens contract's escrows controlled by this instance (their payments add up to
 * {@code paid}).
 */
public record SharingTotals(long sessionsOpened, long sessionsEnded, long unitsPaid, long paid, long unitsOverrun,
                            long refunded) {

    public static final SharingTotals NONE = new SharingTotals(0, 0, 0, 0, 0, 0);

    SharingTotals opened() {
        return new SharingTotals(sessionsOpened + 1, sessionsEnded, unitsPaid, paid, unitsOverrun, refunded);
    }

    SharingTotals metered(SharingEvent.Metered metered) {
        return new SharingTotals(sessionsOpened, sessionsEnded, Math.addExact(unitsPaid, metered.unitsPaid()),
                Math.addExact(paid, metered.amount()), Math.addExact(unitsOverrun, metered.unitsOverrun()),
                refunded);
    }

    SharingTotals ended(SharingEvent.SessionEnded ended) {
        return new SharingTotals(sessionsOpened, sessionsEnded + 1, unitsPaid, paid, unitsOverrun,
                Math.addExact(refunded, ended.refunded()));
    }
}
