package org.fogledger.agents.agent;

/** A request to decide {@code action} about device {@code deviceId}, which sits at {@code devicePath}. */
public record DecisionRequest(String deviceId, String devicePath, String action, String note) {
}
