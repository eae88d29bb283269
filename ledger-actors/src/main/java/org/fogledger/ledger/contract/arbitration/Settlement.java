package org.fogledger.ledger.contract.arbitration;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DeviceHold;

/**
 * The outcome of settling one decision: the verdict with a stable code and a reason a person can read, the decisions
 * it overturned (the losers) and the agent's own earlier decisions it replaced, and the device's hold before and
 * after. It is the arbitration's event and its history entry: everything an agent needs to enact or contest it.
 *
 * @param decision       the decision settled, as it reached the arbitration (with its ruling)
 * @param verdict        stands, won, pending, lost or rejected
 * @param code           why, as a stable code: {@code no-conflict}, {@code outranks}, {@code quorum-met},
 *                       {@code quorum-pending}, {@code quorum-outranked}, {@code outranked}, {@code first-committed},
 *                       {@code standing-full}, {@code tally-full}, {@code illegitimate}, {@code not-allowed},
 *                       {@code no-ruling}
 * @param reason         why, naming the decisions involved
 * @param stands         the standing decision it became (stands or won); null otherwise
 * @param overturned     the standing decisions it overturned (won)
 * @param withdrawn      the agent's own standing decisions it replaced (any verdict but rejected)
 * @param withdrawnVotes the agent's own pending quorum votes it replaced (any verdict but rejected)
 * @param holdBefore     the device's hold before
 * @param holdAfter      the device's hold after; when it differs, the registry is told to enact it
 * @param height         the height of the settlement
 * @param index          its execution index in the block
 */
public record Settlement(AgentDecision decision, SettlementVerdict verdict, String code, String reason,
                         Standing stands, List<Standing> overturned, List<Standing> withdrawn,
                         List<AgentDecision> withdrawnVotes, DeviceHold holdBefore, DeviceHold holdAfter,
                         long height, int index) {

    public Settlement {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        overturned = List.copyOf(overturned);
        withdrawn = List.copyOf(withdrawn);
        withdrawnVotes = List.copyOf(withdrawnVotes);
        Objects.requireNonNull(holdBefore, "holdBefore");
        Objects.requireNonNull(holdAfter, "holdAfter");
        if (verdict.stands() != (stands != null)) {
            throw new IllegalArgumentException("a settlement carries its standing decision exactly when it stands ("
                    + verdict + ")");
        }
    }

    /** The rank the decision acted with: its standing rank, or the agent's own. */
    public Rank effectiveRank() {
        return stands != null ? stands.rank() : decision.rank();
    }

    /** Whether the device's hold changed, so the registry must enact it. */
    public boolean holdChanged() {
        return holdBefore != holdAfter;
    }
}
