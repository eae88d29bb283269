package org.fogledger.ledger.contract.arbitration;

import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One agent's decision about one device, as it travels from contract to contract before it is settled. Each hop
 * fills in what it alone knows and relays it on; a hop that finds the decision illegitimate says why in
 * {@code illegitimate} and still relays it, so the loser and its reason reach the arbitration contract's record.
 *
 * <p>The route: {@code authority.decide} (the agent's signed transaction: checks the delegation chain, adds rank
 * and jurisdiction) then {@code registry/<deviceId>.vet-decision} (adds the device's place, checks it lies within
 * the jurisdiction) then {@code policy/_.vet-decision} (adds the {@link PolicyRuling}) then
 * {@code arbitration/<deviceId>.settle}, which decides and records winner and loser.
 *
 * @param deviceId     the device decided about
 * @param agent        the deciding agent, who signed the transaction
 * @param rank         the agent's rank, from its valid delegation chain
 * @param jurisdiction the agent's jurisdiction, from the same chain
 * @param action       what the agent decided
 * @param note         the agent's free-text reason, optional
 * @param height       the height of the block holding the agent's transaction
 * @param index        the transaction's index in that block
 * @param devicePath   the device's place in the hierarchy, filled in by the registry (null before)
 * @param illegitimate null while legitimate; otherwise why not (the first hop to find out says so)
 * @param ruling       filled in by the policy contract (null before)
 */
public record AgentDecision(String deviceId, PublicKey agent, Rank rank, String jurisdiction, DecisionAction action,
                            String note, long height, int index, String devicePath, String illegitimate,
                            PolicyRuling ruling) {

    public boolean legitimate() {
        return illegitimate == null;
    }

    public AgentDecision located(String path) {
        return new AgentDecision(deviceId, agent, rank, jurisdiction, action, note, height, index, path, illegitimate,
                ruling);
    }

    /** This decision found illegitimate for {@code reason}; the first reason found is kept. */
    public AgentDecision refused(String reason) {
        return legitimate() ? new AgentDecision(deviceId, agent, rank, jurisdiction, action, note, height, index,
                devicePath, reason, ruling) : this;
    }

    public AgentDecision ruled(PolicyRuling policyRuling) {
        return new AgentDecision(deviceId, agent, rank, jurisdiction, action, note, height, index, devicePath,
                illegitimate, policyRuling);
    }
}
