package org.fogledger.agents.agent;

/** Cluster roles of agent nodes. */
public final class AgentRoles {
    /** Nodes that host agents: the root singleton and the region, site and device shards run only there. */
    public static final String AGENT = "agent";

    private AgentRoles() {
    }
}
