package org.fogledger.agents.agent;

/**
 * One decision an agent signed and submitted; {@code outcome} is null until the ledger answered (and stays null
 * if the node stopped before it did: the ledger's receipt is then the record); {@code settlement} is null until the
 * agent read what the device's arbitration made of it.
 */
public record DecisionRecord(long nonce, String deviceId, String devicePath, String action, String note,
                             String txHash, LedgerOutcome outcome, DecisionSettlement settlement) {

    public DecisionRecord settled(LedgerOutcome result) {
        return new DecisionRecord(nonce, deviceId, devicePath, action, note, txHash, result, settlement);
    }

    public DecisionRecord arbitrated(DecisionSettlement read) {
        return new DecisionRecord(nonce, deviceId, devicePath, action, note, txHash, outcome, read);
    }

    /** Whether the ledger committed it and the arbitration may still change its fate (a pending quorum vote). */
    public boolean awaitingArbitration() {
        return outcome != null && "committed".equals(outcome.outcome())
                && (settlement == null || settlement.open());
    }

    public String describe() {
        return action + " " + deviceId + " at " + devicePath + " #" + nonce + " -> "
                + (outcome == null ? "awaiting receipt" : outcome.outcome() + " " + outcome.resultCode())
                + (settlement == null ? "" : "; arbitration: " + settlement.describe());
    }
}
