package org.fogledger.agents.agent;

/**
 * Marker for what agents store: events and snapshots. Bound to {@link AgentJournalSerializer} in reference.conf,
 * never to Kryo: stored bytes must outlive library upgrades.
 */
public interface AgentPersisted {
}
