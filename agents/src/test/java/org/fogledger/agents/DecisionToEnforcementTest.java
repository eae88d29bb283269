package org.fogledger.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.fogledger.agents.agent.AgentIdentity;
import org.fogledger.agents.agent.AgentLedger;
import org.fogledger.agents.agent.AgentStatus;
import org.fogledger.agents.agent.DecisionSettlement;
import org.fogledger.agents.agent.LedgerOutcome;
import org.fogledger.agents.agent.RankedAgent;
import org.fogledger.agents.gateway.ClientGatewayLedger;
import org.fogledger.agents.gateway.DeviceConnection;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.GatewaySettings;
import org.fogledger.agents.gateway.GatewayStatus;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.client.policy.PolicyDocuments;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.arbitration.ArbitrationQueries;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DeviceHold;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.LocalCluster;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 3 of the architecture, end to end: agents decide, the ledger settles, the gateway enforces. Four validators
 * (f = 1) in this JVM with two root operators in genesis (one runs as the root agent, the other issues the policy);
 * the root agent delegates a region, the region delegates two sites, all as transactions the agents sign; a device
 * is registered and installed by its owner and holds a session at a gateway that follows executed blocks.
 *
 * <p>The policy says block needs a quorum of two agents of equal rank. Site A's block waits (pending), the device
 * stays connected; site B's block carries the quorum, the arbitration lays its hold on the device, the registry
 * answers blocked and the gateway closes the session. Site A's release loses against the quorum (same rank, first
 * committed); the region's release outranks the sites and lifts the hold: the device connects again. At each step
 * both the ledger's answer and what the agents recorded are checked.
 */
class DecisionToEnforcementTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEVICE = "e2e-meter-7";
    private static final String PLACE = "/eu/fr/lyon/hospital-a/ward-3";
    private static final String SITE_JURISDICTION = "/eu/fr/lyon/hospital-a";
    private static final String POLICY = """
            {"scope": "/eu/fr", "version": 1,
             "rules": {"equalRanks": {"block": {"rule": "quorum", "k": 2}}}}
            """;

    @TempDir
    Path dir;

    private LocalCluster validators;
    private ActorSystem<Void> system;
    private LedgerClient client;

    @Test
    void aQuorumOfSitesBlocksTheDeviceTheGatewayEnforcesItAndTheRegionLiftsIt() throws Exception {
        KeyPair rootKey = KeyPair.generate();
        KeyPair policyIssuer = KeyPair.generate();
        KeyPair regionKey = KeyPair.generate();
        KeyPair siteAKey = KeyPair.generate();
        KeyPair siteBKey = KeyPair.generate();
        KeyPair owner = KeyPair.generate();
        KeyPair deviceKey = KeyPair.generate();
        try {
            validators = LocalCluster.withH2(4, dir)
                    .withContracts(i -> BuiltInContracts.catalog(LocalCluster.CHAIN_ID, List.of(),
                            List.of(rootKey.publicKey(), policyIssuer.publicKey())))
                    .startAll();
            Config journal = PersistenceTestKitPlugin.config().withFallback(PersistenceTestKitSnapshotPlugin.config());
            system = ClientSystem.start(validators.genesis, "127.0.0.1", 0, journal);
            client = LedgerClient.create(system, LedgerClientSettings.defaults().withAnswerTimeout(WAIT));
            client.awaitValidators(4, WAIT).toCompletableFuture().get(90, TimeUnit.SECONDS);
            AgentLedger ledger = AgentLedger.of(client, LocalCluster.CHAIN_ID);

            // The hierarchy, delegated through the agents on the real ledger.
            ActorRef<RankedAgent.Command> root = agent(new AgentIdentity("root", rootKey, Rank.ROOT, "/"), ledger);
            awaitValid(root);
            committed(decide(root, replyTo -> new RankedAgent.DelegateTo(regionKey.publicKey(), "region", "/eu/fr",
                    replyTo)), "delegated");
            ActorRef<RankedAgent.Command> region = agent(new AgentIdentity("region-fr", regionKey, Rank.REGION,
                    "/eu/fr"), ledger);
            awaitValid(region);
            committed(decide(region, replyTo -> new RankedAgent.DelegateTo(siteAKey.publicKey(), "site",
                    SITE_JURISDICTION, replyTo)), "delegated");
            committed(decide(region, replyTo -> new RankedAgent.DelegateTo(siteBKey.publicKey(), "site",
                    SITE_JURISDICTION, replyTo)), "delegated");
            ActorRef<RankedAgent.Command> siteA = agent(new AgentIdentity("site-a", siteAKey, Rank.SITE,
                    SITE_JURISDICTION), ledger);
            ActorRef<RankedAgent.Command> siteB = agent(new AgentIdentity("site-b", siteBKey, Rank.SITE,
                    SITE_JURISDICTION), ledger);
            awaitValid(siteA);
            awaitValid(siteB);

            // a. The policy: block needs a quorum of two agents of equal rank.
            Ledger direct = new Ledger();
            String applied = direct.commit(policyIssuer, "authority/_", "issue-policy", ContractJson.write(
                    new AuthorityCommand.IssuePolicy(PolicyDocuments.parse(POLICY))));
            assertEquals("relayed", applied);
            String policies = query("policy/_", "policies", "{\"under\":\"/\"}".getBytes(StandardCharsets.UTF_8))
                    .text();
            assertTrue(policies.contains("\"scope\":\"/eu/fr\"") && policies.contains("\"quorum\""), policies);

            // The device in service, with a session at a gateway that follows executed blocks.
            String ownerHex = ContractJson.hex(owner.publicKey());
            direct.commit(owner, "registry/" + DEVICE, "register", ("{\"deviceKey\":\""
                    + ContractJson.hex(deviceKey.publicKey()) + "\",\"model\":\"meter-x\",\"maker\":\"" + ownerHex
                    + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"" + PLACE + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            direct.commit(owner, "registry/" + DEVICE, "declare",
                    "{\"declaration\":\"commissioned\"}".getBytes(StandardCharsets.UTF_8));
            direct.commit(owner, "registry/" + DEVICE, "declare",
                    "{\"declaration\":\"installed\"}".getBytes(StandardCharsets.UTF_8));
            awaitVerdictEverywhere("admitted");
            GatewaySettings settings = GatewaySettings.defaults("gw-e2e", LocalCluster.CHAIN_ID, KeyPair.generate())
                    .withRecheckInterval(Duration.ofHours(1));
            ActorRef<Gateway.Command> gateway = system.systemActorOf(Gateway.create(settings,
                    new ClientGatewayLedger(client, 2)), settings.gatewayId(), Props.empty());
            Connection first = new Connection();
            open(gateway, deviceKey, first);

            // b. Site A decides block: one vote of two, pending; the device stays connected.
            RankedAgent.Settled blockA = committed(decide(siteA, replyTo -> new RankedAgent.Decide(DEVICE, PLACE,
                    "block", "seal broken", replyTo)), "decision-relayed");
            assertSettlement(blockA, "pending", "quorum-pending");
            ArbitrationQueries.StandingView afterA = standing();
            assertEquals(DeviceHold.OPEN, afterA.hold());
            assertEquals(1, afterA.pending().size(), afterA::toString);
            awaitVerdictEverywhere("admitted");
            assertTrue(status(gateway).openSessions().containsKey(DEVICE), "the device stays connected");
            assertFalse(first.closed.isDone());
            assertTrue(lastDecision(siteA).contains("arbitration: pending quorum-pending"), lastDecision(siteA));

            // c. Site B decides block: the quorum is met, the hold is laid, the gateway closes the session.
            RankedAgent.Settled blockB = committed(decide(siteB, replyTo -> new RankedAgent.Decide(DEVICE, PLACE,
                    "block", "seal broken, confirmed", replyTo)), "decision-relayed");
            assertSettlement(blockB, "stands", "quorum-met");
            assertEquals(DeviceHold.BLOCKED, standing().hold());
            String closed = first.closed.get(90, TimeUnit.SECONDS);
            assertTrue(closed.startsWith("device blocked: blocked by arbitration"), closed);
            assertTrue(closed.contains("deciding agent " + ContractJson.hex(siteBKey.publicKey())), closed);
            String legitimacy = query("registry/" + DEVICE, "legitimacy", new byte[0]).text();
            assertTrue(legitimacy.contains("\"verdict\":\"blocked\"") && legitimacy.contains("by arbitration"),
                    legitimacy);
            // Site A's pending vote: the status refresh reads that it was carried.
            AgentStatus siteAStatus = ask(siteA, replyTo -> new RankedAgent.RefreshOutcomes(DEVICE, replyTo));
            String carried = siteAStatus.recentDecisions().get(0);
            assertTrue(carried.contains("arbitration: carried quorum-met"), carried);

            // d. Site A changes its mind: its release loses to the block the quorum carried (no member's own word;
            // equal rank, release ruled first-committed).
            RankedAgent.Settled releaseA = committed(decide(siteA, replyTo -> new RankedAgent.Decide(DEVICE, PLACE,
                    "release", "false alarm", replyTo)), "decision-relayed");
            DecisionSettlement lost = assertSettlement(releaseA, "lost", "first-committed");
            assertTrue(lost.reason().contains("loses: first committed block by site "), lost.reason());
            assertTrue(lost.reason().contains("with a quorum of 2 agents"), lost.reason());
            assertEquals(DeviceHold.BLOCKED, standing().hold());
            assertTrue(lastDecision(siteA).contains("arbitration: lost first-committed"), lastDecision(siteA));

            // e. The region releases: it outranks the sites' quorum; the hold is lifted and the device reconnects.
            RankedAgent.Settled releaseRegion = committed(decide(region, replyTo -> new RankedAgent.Decide(DEVICE,
                    PLACE, "release", "inspected on site", replyTo)), "decision-relayed");
            DecisionSettlement won = assertSettlement(releaseRegion, "won", "outranks");
            assertEquals(1, won.overturned().size(), won::toString);
            assertTrue(won.overturned().get(0).startsWith("block by site "), won.overturned().get(0));
            assertEquals(DeviceHold.OPEN, standing().hold());
            awaitVerdictEverywhere("admitted");
            Connection second = new Connection();
            open(gateway, deviceKey, second);
            assertTrue(status(gateway).openSessions().containsKey(DEVICE));
            assertTrue(lastDecision(region).contains("arbitration: won outranks"), lastDecision(region));
        } finally {
            if (client != null) {
                client.close();
            }
            if (system != null) {
                system.terminate();
            }
            if (validators != null) {
                validators.close();
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Agents

    private ActorRef<RankedAgent.Command> agent(AgentIdentity identity, AgentLedger ledger) {
        return system.systemActorOf(RankedAgent.create(PersistenceId.of("E2EAgent", identity.id()), identity, ledger),
                "agent-" + identity.id(), Props.empty());
    }

    private void awaitValid(ActorRef<RankedAgent.Command> agent) throws Exception {
        poll(() -> AskPattern.ask(agent, RankedAgent.RefreshDelegation::new, WAIT, system.scheduler()),
                AgentStatus::delegationValid);
    }

    private RankedAgent.Reply decide(ActorRef<RankedAgent.Command> agent,
                                     org.apache.pekko.japi.function.Function<ActorRef<RankedAgent.Reply>,
                                             RankedAgent.Command> command) throws Exception {
        return AskPattern.ask(agent, command, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    private static RankedAgent.Settled committed(RankedAgent.Reply reply, String code) {
        RankedAgent.Settled settled = assertInstanceOf(RankedAgent.Settled.class, reply, reply::toString);
        LedgerOutcome outcome = settled.outcome();
        assertEquals("committed", outcome.outcome(), outcome::toString);
        assertEquals(code, outcome.resultCode(), outcome::toString);
        return settled;
    }

    private static DecisionSettlement assertSettlement(RankedAgent.Settled settled, String verdict, String code) {
        DecisionSettlement settlement = settled.settlement();
        assertNotNull(settlement, () -> "no settlement read for " + settled);
        assertEquals(verdict, settlement.verdict(), settlement::describe);
        assertEquals(code, settlement.code(), settlement::describe);
        return settlement;
    }

    private AgentStatus ask(ActorRef<RankedAgent.Command> agent,
                            org.apache.pekko.japi.function.Function<ActorRef<AgentStatus>, RankedAgent.Command>
                                    command) throws Exception {
        return AskPattern.ask(agent, command, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    /** The agent's latest decision, as its status describes it (with what the arbitration made of it). */
    private String lastDecision(ActorRef<RankedAgent.Command> agent) throws Exception {
        List<String> decisions = ask(agent, RankedAgent.GetStatus::new).recentDecisions();
        return decisions.get(decisions.size() - 1);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The device and the gateway

    private static final class Connection implements DeviceConnection {
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void sessionClosed(String reason) {
            closed.complete(reason);
        }
    }

    private Hash open(ActorRef<Gateway.Command> gateway, KeyPair deviceKey, Connection connection) throws Exception {
        Gateway.ChallengeIssued challenge = AskPattern.<Gateway.Command, Gateway.ChallengeIssued>ask(gateway,
                replyTo -> new Gateway.IssueChallenge(DEVICE, replyTo), WAIT, system.scheduler())
                .toCompletableFuture().get(90, TimeUnit.SECONDS);
        DeviceHello hello = DeviceHello.sign(deviceKey, DEVICE, challenge.gatewayId(), challenge.challenge(),
                System.currentTimeMillis(), "1.0.0");
        Gateway.SessionAnswer answer = AskPattern.<Gateway.Command, Gateway.SessionAnswer>ask(gateway,
                replyTo -> new Gateway.OpenSession(hello, connection, replyTo), WAIT, system.scheduler())
                .toCompletableFuture().get(90, TimeUnit.SECONDS);
        return assertInstanceOf(Gateway.SessionAnswer.Opened.class, answer, answer::toString).sessionId();
    }

    private GatewayStatus status(ActorRef<Gateway.Command> gateway) throws Exception {
        return AskPattern.ask(gateway, Gateway.GetStatus::new, WAIT, system.scheduler()).toCompletableFuture()
                .get(90, TimeUnit.SECONDS);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The ledger, asked directly

    /** Transactions signed by keys no agent uses (the owner, the policy issuer), with their own nonces. */
    private final class Ledger {
        private final java.util.Map<String, Long> nonces = new java.util.HashMap<>();

        String commit(KeyPair signer, String address, String command, byte[] payload) throws Exception {
            long nonce = nonces.merge(ContractJson.hex(signer.publicKey()), 1L, Long::sum) - 1;
            Transaction tx = Transaction.sign(signer, LocalCluster.CHAIN_ID, nonce, address, command, payload);
            SubmitResult answer = client.submit(tx).toCompletableFuture().get(90, TimeUnit.SECONDS);
            SubmitResult.Committed committed = assertInstanceOf(SubmitResult.Committed.class, answer,
                    answer::toString);
            assertEquals(ReceiptStatus.COMMITTED_OK, committed.receipt().status(), () -> command + " on " + address
                    + ": " + committed.receipt().resultCode() + " " + new String(committed.receipt().result(),
                    StandardCharsets.UTF_8));
            // Let every validator have executed it: the agents and the gateway ask one validator at a time.
            long height = committed.receipt().height();
            for (ValidatorNode node : validators.nodes) {
                awaitOn(node, address, "state", new byte[0], result -> result.executedHeight() >= height);
            }
            return committed.receipt().resultCode();
        }
    }

    private ArbitrationQueries.StandingView standing() throws Exception {
        return ContractJson.read(query("arbitration/" + DEVICE, "standing", new byte[0]).json(),
                ArbitrationQueries.StandingView.class, "standing");
    }

    /** Asked of the first validator, once all four have caught up with the same answer's height. */
    private ContractHost.QueryResult query(String address, String name, byte[] argument) throws Exception {
        ContractHost.QueryResult answer = validators.nodes.get(0).query(address, name, argument)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(answer.ok(), answer::toString);
        return answer;
    }

    private void awaitVerdictEverywhere(String verdict) throws Exception {
        awaitEverywhere("registry/" + DEVICE, "legitimacy", new byte[0],
                answer -> answer.text().contains("\"verdict\":\"" + verdict + "\""));
    }

    private void awaitEverywhere(String address, String name, byte[] argument,
                                 Predicate<ContractHost.QueryResult> done) throws Exception {
        for (ValidatorNode node : validators.nodes) {
            awaitOn(node, address, name, argument, answer -> answer.ok() && done.test(answer));
        }
    }

    private static void awaitOn(ValidatorNode node, String address, String name, byte[] argument,
                                Predicate<ContractHost.QueryResult> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!done.test(node.query(address, name, argument).toCompletableFuture().get(30, TimeUnit.SECONDS))) {
            assertTrue(System.nanoTime() < deadline, "validator " + node.member().name() + " never got there");
            Thread.sleep(50);
        }
    }

    private static <T> T poll(Supplier<CompletionStage<T>> ask, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            T answer = ask.get().toCompletableFuture().get(90, TimeUnit.SECONDS);
            if (done.test(answer)) {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, "never got there: " + answer);
            Thread.sleep(200);
        }
    }
}
