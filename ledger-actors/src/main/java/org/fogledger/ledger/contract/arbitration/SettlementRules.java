package org.fogledger.ledger.contract.arbitration;

/**
 * How one decision is settled against a device's arbitration state. {@link Arbitration#INSTANCE} is the rule set;
 * the interface is the seam through which tests show that the conflict matrix catches a broken one.
 */
public interface SettlementRules {

    /**
     * The outcome of {@code decision} reaching the arbitration in {@code state} at {@code height}, execution
     * {@code index}. Pure: the same arguments always give the same settlement. The next state is
     * {@code state.after(settlement)}.
     */
    Settlement settle(ArbitrationState state, AgentDecision decision, long height, int index);
}
