package org.fogledger.agents.agent;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.fogledger.ledger.contract.authority.Rank;

/**
 * Region agents: {@link RankedAgent}s of rank region, as Cluster Sharding entities on nodes with role
 * {@link AgentRoles#AGENT}, entity id = agent id. When a node dies, its shards (and these agents, with the state
 * their journal holds) start again on a surviving agent node at the next message.
 */
public final class RegionAgent {
    public static final EntityTypeKey<RankedAgent.Command> TYPE_KEY =
            EntityTypeKey.create(RankedAgent.Command.class, "RegionAgent");

    private RegionAgent() {
    }

    /**
     * Starts the region agents' sharding on {@code system}: hosting them on an agent node, a proxy elsewhere.
     * {@code directory} and {@code ledger} are only used where agents are hosted.
     */
    public static ActorRef<ShardingEnvelope<RankedAgent.Command>> init(ActorSystem<?> system, AgentDirectory directory,
                                                                     AgentLedger ledger) {
        return ClusterSharding.get(system).init(Entity.of(TYPE_KEY, entity -> RankedAgents.forEntity(TYPE_KEY,
                        Rank.REGION, entity.getEntityId(), directory, ledger))
                .withRole(AgentRoles.AGENT));
    }

    public static PersistenceId persistenceId(String agentId) {
        return PersistenceId.of(TYPE_KEY.name(), agentId);
    }
}
