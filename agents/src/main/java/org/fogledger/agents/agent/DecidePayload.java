package org.fogledger.agents.agent;

import org.fogledger.ledger.contract.arbitration.DecisionAction;

/**
 * The payload of {@code authority.decide}: what the agent decided about a device and why. The authority contract
 * adds the agent's rank and jurisdiction from its delegation chain (see {@code AgentDecision}).
 */
public record DecidePayload(String deviceId, DecisionAction action, String note) {
}
