package org.fogledger.agents;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;
import org.fogledger.agents.agent.AgentDirectory;
import org.fogledger.agents.agent.AgentLedger;
import org.fogledger.agents.agent.AgentRoles;
import org.fogledger.agents.agent.DeviceAgent;
import org.fogledger.agents.agent.RankedAgent;
import org.fogledger.agents.agent.RegionAgent;
import org.fogledger.agents.agent.RootAgent;
import org.fogledger.agents.agent.SiteAgent;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;

/**
 * An agent node: a member of the validators' Pekko Cluster with role {@link AgentRoles#AGENT} (the validators of
 * the genesis are its seed nodes), hosting the root agent singleton and the region, site and device agent shards,
 * with its journal on pekko-persistence-jdbc (block {@code fogledger.storage}; every agent node of a cluster uses
 * the same PostgreSQL schema, so an agent that moves finds its events). It reaches the ledger only through
 * {@link LedgerClient}.
 */
public final class AgentNode implements AutoCloseable {
    /**
     * Downing for agent nodes: without a downing provider, a crashed node stays unreachable forever and its shards
     * never move. Keep-majority downs the minority side after membership has been stable for {@code stable-after}.
     * Every member of the cluster (validators too) must run the same downing configuration.
     */
    public static final String DOWNING = """
            pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
            pekko.cluster.split-brain-resolver.active-strategy = keep-majority
            """;

    private final ActorSystem<Void> system;
    private final LedgerClient client;
    private final AgentDirectory directory;
    private final ActorRef<RankedAgent.Command> root;
    private final ActorRef<ShardingEnvelope<RankedAgent.Command>> regions;
    private final ActorRef<ShardingEnvelope<RankedAgent.Command>> sites;
    private final ActorRef<ShardingEnvelope<DeviceAgent.Command>> devices;
    private final String name;

    private AgentNode(String name, ActorSystem<Void> system, LedgerClient client, AgentDirectory directory,
                      ActorRef<RankedAgent.Command> root, ActorRef<ShardingEnvelope<RankedAgent.Command>> regions,
                      ActorRef<ShardingEnvelope<RankedAgent.Command>> sites,
                      ActorRef<ShardingEnvelope<DeviceAgent.Command>> devices) {
        this.name = name;
        this.system = system;
        this.client = client;
        this.directory = directory;
        this.root = root;
        this.regions = regions;
        this.sites = sites;
        this.devices = devices;
    }

    /**
     * Starts the node described by {@code nodeConfig} (which includes the genesis, {@code fogledger.agents} and
     * {@code fogledger.storage}): creates the journal tables if missing, then the ActorSystem, then the agents.
     */
    public static AgentNode start(Config nodeConfig) {
        Config settings = nodeConfig.withFallback(ConfigFactory.load()).resolve();
        Config agents = settings.getConfig("fogledger.agents");
        String name = agents.getString("node.name");
        String host = agents.getString("node.host");
        int port = agents.getInt("node.port");
        if (!settings.hasPath("fogledger.genesis")) {
            throw new IllegalArgumentException("agent node " + name + ": no fogledger.genesis in its configuration;"
                    + " include the genesis file (its validators are the seed nodes)");
        }
        Genesis genesis = Genesis.fromConfig(settings);
        String chainId = agents.getString("chain-id").isEmpty() ? genesis.chainId() : agents.getString("chain-id");
        if (!chainId.equals(genesis.chainId())) {
            throw new IllegalArgumentException("agent node " + name + ": fogledger.agents.chain-id '" + chainId
                    + "' is not the genesis chain id '" + genesis.chainId() + "'");
        }
        AgentDirectory directory = AgentDirectory.fromConfig(settings);
        String storageName = agents.getString("storage-name");
        StorageChoice storage = StorageChoice.fromConfig(settings, storageName);
        Config journal = JournalSettings.prepare(storageName, storage);

        Config membership = ConfigFactory.parseMap(Map.of("pekko.cluster.roles", List.of(AgentRoles.AGENT)))
                .withFallback(ConfigFactory.parseString(DOWNING))
                .withFallback(ClientSystem.config(genesis, host, port));
        Config config = nodeConfig.withFallback(journal).withFallback(membership).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(),
                org.fogledger.ledger.validator.ValidatorNode.SYSTEM_NAME, config);
        try {
            Duration answer = agents.getDuration("ledger-answer-timeout");
            LedgerClient client = LedgerClient.create(system, LedgerClientSettings.defaults()
                    .withAnswerTimeout(answer));
            AgentLedger ledger = AgentLedger.of(client, chainId);
            return new AgentNode(name, system, client, directory, RootAgent.init(system, directory, ledger),
                    RegionAgent.init(system, directory, ledger), SiteAgent.init(system, directory, ledger),
                    DeviceAgent.init(system));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public AgentDirectory directory() {
        return directory;
    }

    public ActorRef<RankedAgent.Command> root() {
        return root;
    }

    public ActorRef<ShardingEnvelope<RankedAgent.Command>> regions() {
        return regions;
    }

    public ActorRef<ShardingEnvelope<RankedAgent.Command>> sites() {
        return sites;
    }

    public ActorRef<ShardingEnvelope<DeviceAgent.Command>> devices() {
        return devices;
    }

    /** Waits until this node is an Up member of the cluster; false if it is not within {@code limit}. */
    public boolean awaitUp(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Cluster.get(system).selfMember().status().equals(MemberStatus.up())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("agent node " + name + " did not stop within 30 s", e);
        }
    }
}
