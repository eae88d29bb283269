package org.fogledger.agents.agent;

/** Why an agent refused a command before signing anything: a stable code and a message naming what is wrong. */
public record Refusal(String code, String message) {
}
