package org.fogledger.agents.agent;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.fogledger.ledger.contract.authority.Rank;

/** Builds the behaviour of a sharded ranked agent from its entity id. */
final class RankedAgents {
    private RankedAgents() {
    }

    /**
     * The agent {@code entityId} of {@code directory} if it has rank {@code rank}; otherwise a behaviour that
     * refuses every command naming the problem (a region entity must not run a site's key).
     */
    static Behavior<RankedAgent.Command> forEntity(EntityTypeKey<RankedAgent.Command> key, Rank rank,
                                                   String entityId, AgentDirectory directory, AgentLedger ledger) {
        return directory.find(entityId)
                .filter(identity -> identity.rank() == rank)
                .map(identity -> RankedAgent.create(PersistenceId.of(key.name(), entityId), identity, ledger))
                .orElseGet(() -> RankedAgent.unknown(entityId + " (as " + rank + ")"));
    }
}
