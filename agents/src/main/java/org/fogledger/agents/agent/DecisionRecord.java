package org.fogledger.agents.agent;

/**
 * One decision an agent signed and submitted; {@code outcome} is null until the ledger answered (and stays null
 * if the node stopped before it did: the ledger's receipt is then the record).
 */
public record DecisionRecord(long nonce, String deviceId, String devicePath, String action, String note,
                             String txHash, LedgerOutcome outcome) {

    public DecisionRecord settled(LedgerOutcome result) {
        return new DecisionRecord(nonce, deviceId, devicePath, action, note, txHash, result);
    }

    public String describe() {
        return action + " " + deviceId + " at " + devicePath + " #" + nonce + " -> "
                + (outcome == null ? "awaiting receipt" : outcome.outcome() + " " + outcome.resultCode());
    }
}
