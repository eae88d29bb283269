package org.fogledger.agents.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.fogledger.agents.AgentNode;
import org.fogledger.agents.agent.AgentDirectory;
import org.fogledger.agents.agent.AgentLedger;
import org.fogledger.agents.agent.AgentStatus;
import org.fogledger.agents.agent.LedgerOutcome;
import org.fogledger.agents.agent.RankedAgent;
import org.fogledger.agents.agent.RegionAgent;
import org.fogledger.agents.agent.RootAgent;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.storage.PostgresTestServer;
import org.fogledger.ledger.storage.SchemaCreator;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover of a region agent when its node dies. Four validators run in this JVM ({@link LocalCluster}); two agent
 * nodes run as separate JVMs ({@code AgentNodeMain}) that join the validators' cluster with role {@code agent} and
 * share one PostgreSQL journal schema (fresh per run, dropped after). This JVM also runs a client member that
 * reaches the agents through sharding and singleton proxies.
 *
 * <p>Node A starts first (it is the oldest agent node: the root singleton and the shard coordinators live there),
 * then node B. Region ids are tried until one lands on B; the root delegates it on the ledger, it reads its
 * delegation and signs three decisions, each submitted to the validators and answered with a receipt. Then B is
 * killed with SIGKILL; the split-brain resolver downs it; the region agent starts again on A from the shared
 * journal, with the same decisions, the same last event and the next nonce, and signs a fourth decision.
 */
class RegionAgentFailoverTest {
    /** One status question; short, so that polling across a failover retries often (a lost ask is retried). */
    private static final Duration ASK = Duration.ofSeconds(3);
    private static final int CANDIDATE_REGIONS = 8;
    /** Quick downing for the test; every member (validators, agents, this client) runs the same. */
    private static final String DOWNING = AgentNode.DOWNING + """
            pekko.cluster.split-brain-resolver.stable-after = 3s
            pekko.cluster.seed-node-timeout = 2s
            pekko.cluster.retry-unsuccessful-join-after = 2s
            """;

    @TempDir
    Path dir;

    @Test
    void aRegionAgentMovesToTheSurvivingNodeWithItsPersistedDecisions() throws Exception {
        long started = System.nanoTime();
        KeyPair rootKey = KeyPair.generate();
        Map<String, KeyPair> regionKeys = new LinkedHashMap<>();
        for (int i = 1; i <= CANDIDATE_REGIONS; i++) {
            regionKeys.put("region-" + i, KeyPair.generate());
        }
        StorageChoice.Postgres journal = PostgresTestServer.require(PostgresTestServer.uniqueSchema("agents_failover"));
        List<AgentProcess> nodes = new ArrayList<>();
        LocalCluster validators = null;
        ActorSystem<Void> client = null;
        try {
            validators = LocalCluster.withH2(4, dir.resolve("validators"))
                    .withContracts(i -> BuiltInContracts.catalog(LocalCluster.CHAIN_ID, List.of(),
                            List.of(rootKey.publicKey())))
                    .withNodeConfig(ConfigFactory.parseString(DOWNING));
            writeFiles(validators.genesis, rootKey, regionKeys, journal);
            // A's JVM starts while the validators do (the genesis, hence the seed nodes, is known already); it
            // keeps trying to join until they are up.
            AgentProcess a = startNode("agent-a", nodes);
            validators.startAll();
            log(started, "validators started");
            a.awaitReady(Duration.ofSeconds(60));
            AgentProcess b = startNode("agent-b", nodes);
            b.awaitReady(Duration.ofSeconds(60));
            log(started, "validators and agent nodes A (" + a.address() + ") and B (" + b.address() + ") are up");

            client = ClientSystem.start(validators.genesis, "127.0.0.1", 0, ConfigFactory.parseString(DOWNING));
            LedgerClient ledgerClient = LedgerClient.create(client);
            AgentLedger ledger = AgentLedger.of(ledgerClient, LocalCluster.CHAIN_ID);
            AgentDirectory none = new AgentDirectory(List.of());
            // This member has role client, not agent: these are proxies.
            RegionAgent.init(client, none, ledger);
            ActorRef<RankedAgent.Command> root = RootAgent.init(client, none, ledger);
            ClusterSharding sharding = ClusterSharding.get(client);
            ActorSystem<Void> asker = client;

            // Find a region agent that lives on B: wake all candidates at once, so that the coordinator spreads
            // their shards over both nodes (it gives a new shard to the node with the fewest).
            for (String id : regionKeys.keySet()) {
                sharding.entityRefFor(RegionAgent.TYPE_KEY, id).tell(new RankedAgent.GetStatus(
                        client.ignoreRef()));
            }
            String found = null;
            for (String id : regionKeys.keySet()) {
                AgentStatus status = poll(status(sharding.entityRefFor(RegionAgent.TYPE_KEY, id)), s -> true,
                        Duration.ofSeconds(30));
                if (status.hostedAt().equals(b.address())) {
                    found = id;
                    break;
                }
            }
            String regionId = found;
            assertTrue(regionId != null, "none of " + regionKeys.keySet() + " was allocated to node B");
            EntityRef<RankedAgent.Command> region = sharding.entityRefFor(RegionAgent.TYPE_KEY, regionId);
            log(started, regionId + " lives on B");

            // The root (a singleton on A, the oldest agent node) delegates it on the ledger.
            AgentStatus rootStatus = poll(() -> AskPattern.ask(root, RankedAgent.GetStatus::new, ASK,
                    asker.scheduler()), AgentStatus::delegationValid, Duration.ofSeconds(30));
            assertEquals(a.address(), rootStatus.hostedAt(), "the root singleton runs on the oldest agent node");
            RankedAgent.Reply delegated = AskPattern.<RankedAgent.Command, RankedAgent.Reply>ask(root,
                    replyTo -> new RankedAgent.DelegateTo(regionKeys.get(regionId).publicKey(), "region",
                            "/eu/" + regionId, replyTo), Duration.ofSeconds(60), asker.scheduler())
                    .toCompletableFuture().get(70, TimeUnit.SECONDS);
            LedgerOutcome delegation = assertInstanceOf(RankedAgent.Settled.class, delegated, delegated::toString)
                    .outcome();
            assertEquals("committed", delegation.outcome(), delegation::toString);
            poll(refresh(region), AgentStatus::delegationValid, Duration.ofSeconds(30));
            log(started, "root delegated " + regionId + " at height " + delegation.height());

            // Three decisions, each signed on B and answered by the validators.
            for (int i = 0; i < 3; i++) {
                LedgerOutcome outcome = decide(region, "dev-" + i, "/eu/" + regionId + "/site-" + i,
                        "quarantine");
                assertTrue(outcome.height() > 0, "decision " + i + " reached a block: " + outcome);
            }
            AgentStatus before = poll(status(region), s -> true, Duration.ofSeconds(15));
            assertEquals(b.address(), before.hostedAt());
            assertEquals(3, before.decisionsMade(), before::describe);
            log(started, "before the kill: " + before.describe());

            b.kill();
            log(started, "killed B with SIGKILL");

            AgentStatus after = poll(status(region), s -> s.hostedAt().equals(a.address()),
                    Duration.ofSeconds(60));
            log(started, "after failover: " + after.describe());
            assertEquals(before.decisionsMade(), after.decisionsMade());
            assertEquals(before.lastEvent(), after.lastEvent());
            assertEquals(before.lastOutcome(), after.lastOutcome());
            assertEquals(before.nextNonce(), after.nextNonce());
            assertEquals(before.recentDecisions(), after.recentDecisions());
            assertTrue(after.delegationValid(), "the delegation read on B is in the journal: " + after.describe());

            LedgerOutcome fourth = decide(region, "dev-3", "/eu/" + regionId + "/site-3", "block");
            assertEquals(before.nextNonce(), fourth.nonce(), "the nonce sequence continues on A");
            assertTrue(fourth.height() > 0, fourth::toString);
            AgentStatus last = poll(status(region), s -> true, Duration.ofSeconds(15));
            assertEquals(4, last.decisionsMade(), last::describe);
            assertEquals(a.address(), last.hostedAt());
            assertTrue(journalRows(journal, RegionAgent.persistenceId(regionId).id()) >= 8,
                    "the region agent's events are in the shared PostgreSQL journal");
            log(started, "done: " + last.describe());
            ledgerClient.close();
        } catch (AssertionError | Exception e) {
            StringBuilder logs = new StringBuilder();
            for (AgentProcess node : nodes) {
                logs.append(node.tail(80));
            }
            throw new AssertionError(e.getMessage() + "\n" + logs, e);
        } finally {
            // All at once: the agent nodes leave while the client and the validators stop.
            nodes.forEach(AgentProcess::stop);
            if (client != null) {
                client.terminate();
            }
            if (validators != null) {
                validators.close();
            }
            nodes.forEach(AgentProcess::close);
            SchemaCreator.dropPostgresSchema(journal, journal.schema());
            log(started, "stopped");
        }
    }

    private static LedgerOutcome decide(EntityRef<RankedAgent.Command> region, String device,
                                 String path, String action) throws Exception {
        RankedAgent.Reply reply = region.<RankedAgent.Reply>ask(replyTo -> new RankedAgent.Decide(device, path,
                action, "failover test", replyTo), Duration.ofSeconds(60)).toCompletableFuture()
                .get(70, TimeUnit.SECONDS);
        LedgerOutcome outcome = assertInstanceOf(RankedAgent.Settled.class, reply, reply::toString).outcome();
        // Committed, or refused by the contract: both are receipts from a block (the agent records either).
        assertTrue(List.of("committed", "failed").contains(outcome.outcome()), outcome::toString);
        return outcome;
    }

    /** Asks until an answer satisfies {@code done}; an unanswered ask (a shard moving) is retried. */
    private static AgentStatus poll(Supplier<CompletionStage<AgentStatus>> ask, Predicate<AgentStatus> done,
                                    Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                AgentStatus status = ask.get().toCompletableFuture().get(ASK.toSeconds() + 5, TimeUnit.SECONDS);
                if (done.test(status)) {
                    return status;
                }
                last = status.describe();
            } catch (ExecutionException | TimeoutException e) {
                last = "no answer: " + e.getCause();
            }
            Thread.sleep(500);
        }
        fail("no satisfying answer within " + limit.toSeconds() + " s; last: " + last);
        return null;
    }

    /** Events of {@code persistenceId} in the shared journal schema. */
    private static long journalRows(StorageChoice.Postgres journal, String persistenceId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(journal.jdbcUrl(),
                journal.connectionProperties());
             java.sql.PreparedStatement q = c.prepareStatement("select count(*) from " + journal.schema()
                     + ".event_journal where persistence_id = ?")) {
            q.setString(1, persistenceId);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Supplier<CompletionStage<AgentStatus>> status(EntityRef<RankedAgent.Command> agent) {
        return () -> agent.ask(RankedAgent.GetStatus::new, ASK);
    }

    private static Supplier<CompletionStage<AgentStatus>> refresh(EntityRef<RankedAgent.Command> agent) {
        return () -> agent.ask(RankedAgent.RefreshDelegation::new, ASK);
    }

    private AgentProcess startNode(String name, List<AgentProcess> nodes) {
        int port = Genesis.freeLoopbackPort();
        Path config = dir.resolve(name + ".conf");
        try {
            Files.writeString(config, """
                    include "agents.conf"
                    fogledger.agents.node { name = %s, host = "127.0.0.1", port = %d }
                    """.formatted(ConfigUtil.quoteString(name), port));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AgentProcess node = AgentProcess.launch(name, port, config, dir.resolve("logback.xml"),
                dir.resolve(name + ".log"));
        nodes.add(node);
        return node;
    }

    /** The genesis, the key files and the configuration both agent nodes share. */
    private void writeFiles(Genesis genesis, KeyPair rootKey, Map<String, KeyPair> regionKeys,
                            StorageChoice.Postgres journal) throws java.io.IOException {
        Files.writeString(dir.resolve("genesis.conf"), genesis.toHocon());
        Files.writeString(dir.resolve("logback.xml"), AgentProcess.LOGBACK);
        StringBuilder identities = new StringBuilder();
        identities.append(identity("root", "root", "/", writeKey("root", rootKey)));
        for (Map.Entry<String, KeyPair> region : regionKeys.entrySet()) {
            identities.append(identity(region.getKey(), "region", "/eu/" + region.getKey(),
                    writeKey(region.getKey(), region.getValue())));
        }
        Files.writeString(dir.resolve("agents.conf"), """
                include "genesis.conf"
                fogledger.agents.identities = [
                %s]
                fogledger.storage {
                  kind = "postgres"
                  pool-size = 4
                  postgres { host = %s, port = %d, database = %s, user = %s, password = %s, schema = %s }
                }
                %s
                """.formatted(identities, ConfigUtil.quoteString(journal.host()), journal.port(),
                ConfigUtil.quoteString(journal.database()), ConfigUtil.quoteString(journal.user()),
                ConfigUtil.quoteString(journal.password()), ConfigUtil.quoteString(journal.schema()), DOWNING));
    }

    private Path writeKey(String id, KeyPair key) throws java.io.IOException {
        Path file = dir.resolve(id + ".key");
        Files.writeString(file, Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
        return file;
    }

    private static String identity(String id, String rank, String jurisdiction, Path keyFile) {
        return "  { id = %s, rank = %s, jurisdiction = %s, key-file = %s }\n".formatted(ConfigUtil.quoteString(id),
                ConfigUtil.quoteString(rank), ConfigUtil.quoteString(jurisdiction),
                ConfigUtil.quoteString(keyFile.toString()));
    }

    private static void log(long started, String what) {
        System.out.printf("[failover +%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }
}
