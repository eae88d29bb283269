package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.fogledger.agents.AgentNode;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;

/**
 * A node that runs: one ActorSystem (named {@link ValidatorNode#SYSTEM_NAME}, so that every FogLedger node can
 * join one cluster) with the roles of its {@link NodeConfig} started in it.
 *
 * <p>Configuration, from winning to losing: the node file; each role's {@link NodeRole#systemConfig()} (its
 * journal); the membership settings below; every application.conf and reference.conf.
 */
public final class RunningNode implements AutoCloseable {
    private final NodeConfig config;
    private final ActorSystem<Void> system;
    private final NodeServices services;
    private final List<NodeRole> started;

    private RunningNode(NodeConfig config, ActorSystem<Void> system, NodeServices services, List<NodeRole> started) {
        this.config = config;
        this.system = system;
        this.services = services;
        this.started = started;
    }

    /** Creates the ActorSystem and starts every role; on failure, stops what started and rethrows. */
    public static RunningNode start(NodeConfig config) {
        Config pekko = config.fileConfig();
        for (NodeRole role : config.roles()) {
            pekko = pekko.withFallback(role.systemConfig());
        }
        pekko = pekko.withFallback(membership(config)).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ValidatorNode.SYSTEM_NAME, pekko);
        try {
            NodeManagement.start(system, config.settings());
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
        NodeServices services = new NodeServices(config.name(), system, config.genesis(),
                LedgerClientSettings.defaults());
        List<NodeRole> started = new ArrayList<>();
        try {
            for (NodeRole role : config.roles()) {
                role.start(services);
                started.add(role);
            }
        } catch (RuntimeException e) {
            stop(started, services, system);
            throw e;
        }
        return new RunningNode(config, system, services, started);
    }

    /**
     * Cluster membership: this node's Artery address, its roles as cluster roles, the genesis validators as seed
     * nodes, and the split-brain resolver every member of a cluster with agents must run ({@link AgentNode#DOWNING}).
     * Pekko Management's Cluster Bootstrap replaces the seed nodes when the file enables it ({@link NodeManagement}).
     */
    static Config membership(NodeConfig config) {
        // With Cluster Bootstrap, discovery finds the members and seed nodes must stay empty.
        List<String> seeds = NodeManagement.bootstrap(config.settings()) ? List.of()
                : config.genesis().validators().stream().map(Genesis.Member::address).toList();
        List<String> roles = config.roles().stream().map(role -> role.name().wireName()).toList();
        return ConfigFactory.parseMap(Map.of(
                        "pekko.cluster.seed-nodes", seeds,
                        "pekko.cluster.roles", roles,
                        "pekko.remote.artery.canonical.hostname", config.host(),
                        "pekko.remote.artery.canonical.port", config.port()))
                .withFallback(ConfigFactory.parseString("""
                        pekko.actor.provider = cluster
                        pekko.remote.artery.transport = tcp
                        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                        # A restarted node rejoins within seconds (Pekko removes its old incarnation on the new join).
                        pekko.cluster.seed-node-timeout = 2s
                        pekko.cluster.retry-unsuccessful-join-after = 2s
                        # A proposal carries a whole block (at most 1 MiB of transactions by default) plus certificates.
                        pekko.remote.artery.advanced.maximum-frame-size = 2 MiB
                        """))
                .withFallback(ConfigFactory.parseString(AgentNode.DOWNING));
    }

    public NodeConfig config() {
        return config;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** Waits until this node is an Up member of the cluster; false if it is not within {@code limit}. */
    public boolean awaitUp(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Cluster.get(system).selfMember().status().equals(MemberStatus.up())) {
                return true;
            }
            if (system.whenTerminated().isCompleted()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The line a node prints once it is up: {@code READY <name> roles=[validator] <host>:<port>}. */
    public String readyLine() {
        return "READY " + config.name() + " roles=" + config.roles().stream().map(role -> role.name().wireName())
                .toList().toString().replace(" ", "") + " " + config.host() + ":" + config.port();
    }

    @Override
    public void close() {
        stop(started, services, system);
    }

    private static void stop(List<NodeRole> started, NodeServices services, ActorSystem<Void> system) {
        List<NodeRole> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        RuntimeException failure = null;
        for (NodeRole role : reversed) {
            try {
                role.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        services.close();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the node's actor system did not stop within 30 s", e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
