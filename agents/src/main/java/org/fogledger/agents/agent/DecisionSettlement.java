package org.fogledger.agents.agent;

import java.util.List;
import org.fogledger.ledger.contract.arbitration.Settlement;
import org.fogledger.ledger.contract.arbitration.Standing;

/**
 * What the device's arbitration made of one of the agent's decisions, as the agent records it (read from
 * {@code arbitration/<deviceId>} query {@code outcomes}; see {@link OwnSettlements}).
 *
 * @param verdict    {@code stands}, {@code won}, {@code pending}, {@code lost}, {@code rejected} (the arbitration's
 *                   verdicts), or after a pending vote: {@code carried} (a quorum including this agent carried the
 *                   action) or {@code withdrawn} (the agent's later decision replaced the vote)
 * @param code       the arbitration's code ({@code quorum-met}, {@code first-committed}, …)
 * @param reason     the arbitration's reason; for {@code lost} it names the decision that stands against this one
 * @param overturned the standing decisions it overturned (won, or carried by quorum), described
 * @param height     the height of the settlement this reading comes from (for {@code carried}/{@code withdrawn}:
 *                   the later settlement that carried or withdrew the vote)
 * @param index      its execution index
 */
public record DecisionSettlement(String verdict, String code, String reason, List<String> overturned, long height,
                                 int index) {
    public static final String CARRIED = "carried";
    public static final String WITHDRAWN = "withdrawn";

    public DecisionSettlement {
        overturned = overturned == null ? List.of() : List.copyOf(overturned);
        reason = LedgerOutcome.bounded(reason);
    }

    /** The agent's own settlement, as the arbitration settled it. */
    static DecisionSettlement of(Settlement settlement) {
        return new DecisionSettlement(settlement.verdict().wireName(), settlement.code(), settlement.reason(),
                describe(settlement.overturned()), settlement.height(), settlement.index());
    }

    /** A pending vote of the agent, carried by {@code carrying}: the settlement of the vote that completed it. */
    static DecisionSettlement carried(Settlement carrying) {
        return new DecisionSettlement(CARRIED, carrying.code(), carrying.reason(),
                describe(carrying.overturned()), carrying.height(), carrying.index());
    }

    /** A pending vote of the agent replaced by its own later decision, settled by {@code replacing}. */
    static DecisionSettlement withdrawn(Settlement replacing) {
        return new DecisionSettlement(WITHDRAWN, replacing.code(), "vote withdrawn by the agent's later decision: "
                + replacing.reason(), List.of(), replacing.height(), replacing.index());
    }

    /** Whether a later settlement may still change what became of the decision (a vote waiting for its quorum). */
    public boolean open() {
        return "pending".equals(verdict);
    }

    public String describe() {
        return verdict + " " + code + (overturned.isEmpty() ? "" : ", overturned " + String.join("; ", overturned))
                + " (" + reason + ")";
    }

    private static List<String> describe(List<Standing> standings) {
        return standings.stream().map(Standing::describe).toList();
    }
}
