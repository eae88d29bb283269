package org.fogledger.ledger.contract.arbitration;

import java.util.List;
import org.fogledger.ledger.contract.registry.DeviceHold;

/** The arguments and answers of the arbitration contract's queries. */
public final class ArbitrationQueries {
    private ArbitrationQueries() {
    }

    /**
     * The answer of query {@code standing}: the device's effective hold, the decisions that put it there (the
     * standing block or quarantine; empty when open), every standing decision, and the pending quorum tallies.
     */
    public record StandingView(String deviceId, DeviceHold hold, List<Standing> holdDecidedBy,
                               List<Standing> standing, List<QuorumTally> pending, long settledCount) {
    }

    /** Argument of query {@code outcomes}: the settlements at height {@code sinceHeight} or later (default 0). */
    public record OutcomesSince(Long sinceHeight) {
    }

    /**
     * The answer of query {@code outcomes}: the kept settlements at or after {@code sinceHeight}, oldest first; the
     * state keeps the last {@value ArbitrationState#HISTORY_LIMIT}, so {@code settledCount} tells whether older ones
     * were trimmed (the ledger keeps them all as receipts and events).
     */
    public record Outcomes(String deviceId, long sinceHeight, List<Settlement> settlements, long settledCount,
                           int historyLimit) {
    }
}
