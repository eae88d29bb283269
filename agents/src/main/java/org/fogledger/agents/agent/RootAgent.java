package org.fogledger.agents.agent;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * The root agent: a {@link RankedAgent} of rank root (a root operator of the genesis), run as a Cluster Singleton
 * on the oldest node with role {@link AgentRoles#AGENT}; it moves to the next oldest when that node leaves or dies.
 */
public final class RootAgent {
    public static final String SINGLETON_NAME = "root-agent";

    private RootAgent() {
    }

    /**
     * Starts the singleton manager (on agent nodes) and returns a proxy to the root agent (anywhere). On an agent
     * node {@code directory} must list the root identity; elsewhere the directory may be empty.
     */
    public static ActorRef<RankedAgent.Command> init(ActorSystem<?> system, AgentDirectory directory,
                                                    AgentLedger ledger) {
        var behavior = Behaviors.supervise(directory.root()
                        .map(identity -> RankedAgent.create(persistenceId(identity.id()), identity, ledger))
                        .orElseGet(() -> RankedAgent.unknown("root")))
                .onFailure(SupervisorStrategy.restartWithBackoff(java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(30), 0.2));
        return ClusterSingleton.get(system).init(SingletonActor.of(behavior, SINGLETON_NAME)
                .withSettings(ClusterSingletonSettings.create(system).withRole(AgentRoles.AGENT)));
    }

    public static PersistenceId persistenceId(String agentId) {
        return PersistenceId.of("RootAgent", agentId);
    }
}
