package org.fogledger.agents.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A ranked agent against the real authority contract in an in-memory host ({@link HostedLedger}). Events and
 * state go through the real serializer binding (AgentJournalSerializer) and must read back; commands through Kryo.
 */
class RankedAgentTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));
    private static final Duration WAIT = Duration.ofSeconds(10);

    static final KeyPair ROOT_KEY = key("root");
    static final KeyPair REGION_KEY = key("region-eu");
    static final KeyPair SITE_KEY = key("site-lyon");
    static final AgentIdentity ROOT = new AgentIdentity("root", ROOT_KEY, Rank.ROOT, "/");
    static final AgentIdentity REGION = new AgentIdentity("region-eu", REGION_KEY, Rank.REGION, "/eu");

    private HostedLedger ledger;

    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("agents-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    @BeforeEach
    void setUp() {
        ledger = new HostedLedger(ROOT_KEY);
    }

    @AfterAll
    static void tearDown() {
        TEST_KIT.shutdownTestKit();
    }

    private EventSourcedBehaviorTestKit<RankedAgent.Command, RankedAgent.Event, RankedAgent.State> kit(
            AgentIdentity identity, AgentLedger on, AgentRules rules) {
        Behavior<RankedAgent.Command> agent = RankedAgent.create(PersistenceId.of("TestAgent", identity.id()
                + "-" + System.nanoTime()), identity, on, rules);
        EventSourcedBehaviorTestKit<RankedAgent.Command, RankedAgent.Event, RankedAgent.State> kit =
                EventSourcedBehaviorTestKit.create(TEST_KIT.system(), agent,
                EventSourcedBehaviorTestKit.enabledSerializationSettings());
        kit.clear();
        return kit;
    }

    private EventSourcedBehaviorTestKit<RankedAgent.Command, RankedAgent.Event, RankedAgent.State> kit(
            AgentIdentity identity) {
        return kit(identity, ledger, AgentRules.standard());
    }

    /** The status once the agent has read its delegation (it asks the ledger itself when it starts). */
    private static AgentStatus confirmed(
            EventSourcedBehaviorTestKit<RankedAgent.Command, RankedAgent.Event, RankedAgent.State> kit) {
        TestProbe<AgentStatus> probe = TEST_KIT.createTestProbe();
        return probe.awaitAssert(WAIT, () -> {
            kit.runCommand(new RankedAgent.GetStatus(probe.ref()));
            AgentStatus status = probe.receiveMessage(WAIT);
            assertTrue(!status.delegation().equals("unconfirmed"), status::describe);
            return status;
        });
    }

    private static RankedAgent.Reply ask(
            EventSourcedBehaviorTestKit<RankedAgent.Command, RankedAgent.Event, RankedAgent.State> kit,
            java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<RankedAgent.Reply>,
                    RankedAgent.Command> command) {
        TestProbe<RankedAgent.Reply> probe = TEST_KIT.createTestProbe();
        kit.runCommand(command.apply(probe.ref()));
        return probe.receiveMessage(WAIT);
    }

    private void delegateRegionOnTheLedger() {
        ledger.run(ROOT_KEY, 1000, "authority/_", "delegate", ContractJson.write(new AuthorityCommand.Delegate(
                REGION_KEY.publicKey(), Rank.REGION, "/eu", null)));
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void theRootDelegatesARegionAndTheLedgerRecordsIt() {
        var root = kit(ROOT);
        assertTrue(confirmed(root).delegationValid(), "the root operator holds authority from genesis");

        var reply = ask(root, replyTo -> new RankedAgent.DelegateTo(REGION_KEY.publicKey(), "region", "/eu",
                replyTo));

        LedgerOutcome outcome = assertInstanceOf(RankedAgent.Settled.class, reply, reply::toString).outcome();
        assertEquals("committed", outcome.outcome(), outcome::toString);
        assertEquals("delegated", outcome.resultCode());
        RankedAgent.State state = root.getState();
        assertEquals(1, state.delegationsMade());
        assertEquals(1, state.nextNonce());
        assertEquals(outcome, state.lastOutcome());
        assertEquals("delegate", ledger.submittedBy(ROOT_KEY).get(0).command());

        var region = kit(REGION);
        AgentStatus status = confirmed(region);
        assertTrue(status.delegationValid(), status::describe);
        assertTrue(status.delegation().startsWith("region over /eu"), status::describe);
    }

    @Test
    void aRegionDecidesWithinItsJurisdictionAndRecordsTheReceipt() {
        delegateRegionOnTheLedger();
        var region = kit(REGION);
        confirmed(region);

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-7", "/eu/fr/lyon/ward-3", "quarantine",
                "tampered seal", replyTo));

        LedgerOutcome outcome = assertInstanceOf(RankedAgent.Settled.class, reply, reply::toString).outcome();
        List<Transaction> sent = ledger.submittedBy(REGION_KEY);
        assertEquals(1, sent.size());
        Transaction tx = sent.get(0);
        assertEquals("authority/_", tx.contract());
        assertEquals("decide", tx.command());
        assertEquals(new AuthorityCommand.Decide("dev-7", DecisionAction.QUARANTINE, "tampered seal"),
                ContractJson.read(tx.payload(), AuthorityCommand.Decide.class, "decide payload"));
        assertEquals(tx.hash().hex(), outcome.txHash());
        // Whatever the ledger answered (committed, or refused by the contract) is what the agent records.
        assertTrue(List.of("committed", "failed").contains(outcome.outcome()), outcome::toString);
        RankedAgent.State state = region.getState();
        assertEquals(1, state.decisionsMade());
        assertEquals(outcome, state.recentDecisions().get(0).outcome());
        assertEquals(outcome, state.lastOutcome());
        // Then it read what the device's arbitration made of it: dev-7 is not registered, so it was rejected.
        DecisionSettlement settlement = ((RankedAgent.Settled) reply).settlement();
        assertEquals("rejected", settlement.verdict(), settlement::describe);
        assertEquals("illegitimate", settlement.code());
        assertEquals(settlement, state.recentDecisions().get(0).settlement());
        assertTrue(state.lastEvent().startsWith("decision #0 on dev-7 arbitrated: rejected illegitimate"),
                state.lastEvent());
    }

    private static final String WARD = "/eu/fr/lyon/ward-3";

    /** A device registered and installed at {@link #WARD} by an owner (the maker too), as the demo does. */
    private void deviceInService(String deviceId) {
        KeyPair owner = key("owner-" + deviceId);
        String ownerHex = ContractJson.hex(owner.publicKey());
        ledger.run(owner, 0, "registry/" + deviceId, "register", ("{\"deviceKey\":\""
                + ContractJson.hex(key("device-" + deviceId).publicKey()) + "\",\"model\":\"m\",\"maker\":\""
                + ownerHex + "\",\"owner\":\"" + ownerHex + "\",\"location\":\"" + WARD + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        ledger.run(owner, 1, "registry/" + deviceId, "declare",
                "{\"declaration\":\"commissioned\"}".getBytes(StandardCharsets.UTF_8));
        ledger.run(owner, 2, "registry/" + deviceId, "declare",
                "{\"declaration\":\"installed\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDecisionThatStandsIsRecordedWithItsSettlement() {
        delegateRegionOnTheLedger();
        deviceInService("dev-stands");
        var region = kit(REGION);
        confirmed(region);

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-stands", WARD, "block", "seal broken",
                replyTo));

        DecisionSettlement settlement = assertInstanceOf(RankedAgent.Settled.class, reply).settlement();
        assertEquals("stands", settlement.verdict(), settlement::describe);
        assertEquals("no-conflict", settlement.code());
        DecisionRecord recorded = region.getState().recentDecisions().get(0);
        assertEquals(settlement, recorded.settlement());
        assertTrue(recorded.describe().endsWith("; arbitration: " + settlement.describe()), recorded.describe());
    }

    @Test
    void theAgentsOwnFollowUpRecordsAPendingVoteCarriedWithoutBeingAsked() throws InterruptedException {
        delegateRegionOnTheLedger();
        KeyPair otherRegion = key("region-eu-2");
        ledger.run(ROOT_KEY, 1001, "authority/_", "delegate", ContractJson.write(new AuthorityCommand.Delegate(
                otherRegion.publicKey(), Rank.REGION, "/eu", null)));
        ledger.run(ROOT_KEY, 1002, "authority/_", "issue-policy", ContractJson.write(new AuthorityCommand.IssuePolicy(
                org.fogledger.ledger.client.policy.PolicyDocuments.parse("""
                        {"scope": "/eu", "version": 1, "rules": {"equalRanks": {"block": {"rule": "quorum", "k": 2}}}}
                        """))));
        deviceInService("dev-follow");
        var region = kit(REGION);
        confirmed(region);
        ask(region, replyTo -> new RankedAgent.Decide("dev-follow", WARD, "block", null, replyTo));
        ledger.run(otherRegion, 0, "authority/_", "decide", ContractJson.write(new AuthorityCommand.Decide(
                "dev-follow", DecisionAction.BLOCK, "confirmed")));

        region.runCommand(RankedAgent.FollowPending.INSTANCE);

        long deadline = System.nanoTime() + WAIT.toNanos();
        DecisionSettlement settlement = region.getState().recentDecisions().get(0).settlement();
        while (!DecisionSettlement.CARRIED.equals(settlement.verdict()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            settlement = region.getState().recentDecisions().get(0).settlement();
        }
        assertEquals(DecisionSettlement.CARRIED, settlement.verdict(), settlement::describe);
    }

    @Test
    void aPendingVoteIsRecordedCarriedOnceTheStatusRefreshReadsTheQuorum() {
        delegateRegionOnTheLedger();
        KeyPair otherRegion = key("region-eu-2");
        ledger.run(ROOT_KEY, 1001, "authority/_", "delegate", ContractJson.write(new AuthorityCommand.Delegate(
                otherRegion.publicKey(), Rank.REGION, "/eu", null)));
        ledger.run(ROOT_KEY, 1002, "authority/_", "issue-policy", ContractJson.write(new AuthorityCommand.IssuePolicy(
                org.fogledger.ledger.client.policy.PolicyDocuments.parse("""
                        {"scope": "/eu", "version": 1, "rules": {"equalRanks": {"block": {"rule": "quorum", "k": 2}}}}
                        """))));
        deviceInService("dev-quorum");
        var region = kit(REGION);
        confirmed(region);

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-quorum", WARD, "block", null, replyTo));
        DecisionSettlement pending = assertInstanceOf(RankedAgent.Settled.class, reply).settlement();
        assertEquals("pending", pending.verdict(), pending::describe);
        TestProbe<AgentStatus> probe = TEST_KIT.createTestProbe();
        region.runCommand(new RankedAgent.RefreshOutcomes("dev-quorum", probe.ref()));
        assertTrue(probe.receiveMessage(WAIT).recentDecisions().get(0).contains("arbitration: pending"),
                "nothing carried it yet");

        ledger.run(otherRegion, 0, "authority/_", "decide", ContractJson.write(new AuthorityCommand.Decide(
                "dev-quorum", DecisionAction.BLOCK, "confirmed")));
        region.runCommand(new RankedAgent.RefreshOutcomes("dev-quorum", probe.ref()));

        AgentStatus status = probe.receiveMessage(WAIT);
        DecisionSettlement carried = region.getState().recentDecisions().get(0).settlement();
        assertEquals(DecisionSettlement.CARRIED, carried.verdict(), carried::describe);
        assertEquals("quorum-met", carried.code());
        assertTrue(status.recentDecisions().get(0).contains("arbitration: carried quorum-met"),
                status.recentDecisions().get(0));
        assertTrue(status.lastEvent().startsWith("decision #0 on dev-quorum arbitrated: carried"), status.lastEvent());
    }

    /** The behaviour the jurisdiction check guarantees, as a reusable assertion (the planted bug reuses it). */
    private void assertRefusesOutsideItsJurisdiction(AgentRules rules) {
        delegateRegionOnTheLedger();
        var region = kit(REGION, ledger, rules);
        confirmed(region);
        int eventsBefore = 0;

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-9", "/us/ny/clinic", "block", null,
                replyTo));

        RankedAgent.Refused refused = assertInstanceOf(RankedAgent.Refused.class, reply, reply::toString);
        assertEquals("outside-jurisdiction", refused.code());
        assertTrue(refused.message().contains("/us/ny/clinic") && refused.message().contains("'/eu'"),
                refused.message());
        assertEquals(List.of(), ledger.submittedBy(REGION_KEY), "nothing signed, nothing submitted");
        assertEquals(eventsBefore, region.getState().decisionsMade());
    }

    @Test
    void aDecisionOutsideTheJurisdictionIsRefusedBeforeAnythingIsSigned() {
        assertRefusesOutsideItsJurisdiction(AgentRules.standard());
    }

    @Test
    void plantedBug_anAgentThatSkipsTheJurisdictionCheckIsCaught() {
        AgentRules broken = AgentRules.without("within-jurisdiction");
        assertThrows(AssertionFailedError.class, () -> assertRefusesOutsideItsJurisdiction(broken));
    }

    @Test
    void anAgentWithoutADelegationRefusesToDecide() {
        var region = kit(REGION);
        AgentStatus status = confirmed(region);
        assertTrue(!status.delegationValid(), status::describe);

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-7", "/eu/fr", "block", null, replyTo));

        assertEquals("no-delegation", assertInstanceOf(RankedAgent.Refused.class, reply).code());
        assertEquals(List.of(), ledger.submittedBy(REGION_KEY));
    }

    @Test
    void anAgentThatCouldNotReadItsDelegationRefusesToDecide() {
        var region = kit(REGION, HostedLedger.silent(ROOT_KEY), AgentRules.standard());

        var reply = ask(region, replyTo -> new RankedAgent.Decide("dev-7", "/eu/fr", "block", null, replyTo));

        RankedAgent.Refused refused = assertInstanceOf(RankedAgent.Refused.class, reply);
        assertEquals("delegation-unconfirmed", refused.code());
        assertTrue(refused.message().contains("refresh"), refused.message());
    }

    @Test
    void anAgentConfiguredForAnotherRankThanTheLedgerGaveItRefuses() {
        delegateRegionOnTheLedger();
        var asSite = kit(new AgentIdentity("confused", REGION_KEY, Rank.SITE, "/eu"));
        confirmed(asSite);

        var reply = ask(asSite, replyTo -> new RankedAgent.Decide("dev-7", "/eu/fr", "block", null, replyTo));

        RankedAgent.Refused refused = assertInstanceOf(RankedAgent.Refused.class, reply);
        assertEquals("rank-mismatch", refused.code());
    }

    @Test
    void malformedDecisionsAreRefusedNamingTheField() {
        delegateRegionOnTheLedger();
        var region = kit(REGION);
        confirmed(region);

        var badAction = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.Decide("dev-7", "/eu/fr", "obliterate", null, replyTo)));
        var badPath = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.Decide("dev-7", "eu/fr", "block", null, replyTo)));
        var noDevice = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.Decide("", "/eu/fr", "block", null, replyTo)));

        assertTrue(badAction.message().contains("'action'") && badAction.message().contains("obliterate"),
                badAction.message());
        assertTrue(badPath.message().contains("devicePath"), badPath.message());
        assertTrue(noDevice.message().contains("deviceId"), noDevice.message());
        assertEquals(List.of(), ledger.submittedBy(REGION_KEY));
    }

    @Test
    void aRegionDelegatesOnlyBelowItsRankAndWithinItsJurisdiction() {
        delegateRegionOnTheLedger();
        var region = kit(REGION);
        confirmed(region);

        var sameRank = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.DelegateTo(SITE_KEY.publicKey(), "region", "/eu/fr", replyTo)));
        var elsewhere = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.DelegateTo(SITE_KEY.publicKey(), "site", "/us", replyTo)));
        var self = assertInstanceOf(RankedAgent.Refused.class, ask(region, replyTo ->
                new RankedAgent.DelegateTo(REGION_KEY.publicKey(), "site", "/eu/fr", replyTo)));
        var site = assertInstanceOf(RankedAgent.Settled.class, ask(region, replyTo ->
                new RankedAgent.DelegateTo(SITE_KEY.publicKey(), "site", "/eu/fr/lyon", replyTo)));

        assertEquals("rank-not-below", sameRank.code());
        assertEquals("outside-jurisdiction", elsewhere.code());
        assertEquals("self-delegation", self.code());
        assertEquals("committed", site.outcome().outcome(), site.outcome()::toString);
        assertEquals(1, ledger.submittedBy(REGION_KEY).size(), "only the valid delegation was submitted");
    }

    @Test
    void aRestartedAgentRecoversItsDecisionsFromItsJournal() {
        delegateRegionOnTheLedger();
        var region = kit(REGION);
        confirmed(region);
        for (int i = 0; i < 3; i++) {
            String device = "dev-" + i;
            assertInstanceOf(RankedAgent.Settled.class, ask(region, replyTo -> new RankedAgent.Decide(device,
                    "/eu/de/" + device, "update-firmware", null, replyTo)));
        }
        RankedAgent.State before = region.getState();

        region.restart();

        assertEquals(before, region.getState());
        assertEquals(3, region.getState().decisionsMade());
        assertEquals(3, region.getState().nextNonce(), "nonces continue after a restart, never reused");
    }

    @Test
    void aShardedEntityRunsOnlyAnAgentOfItsOwnRank() {
        AgentDirectory directory = new AgentDirectory(List.of(REGION));
        var asSite = TEST_KIT.spawn(RankedAgents.forEntity(SiteAgent.TYPE_KEY, Rank.SITE, "region-eu", directory,
                ledger));
        TestProbe<AgentStatus> probe = TEST_KIT.createTestProbe();

        asSite.tell(new RankedAgent.GetStatus(probe.ref()));

        AgentStatus status = probe.receiveMessage(WAIT);
        assertTrue(status.delegation().contains("no agent 'region-eu (as site)'"), status::describe);
        assertEquals(List.of(), ledger.submittedBy(REGION_KEY));
    }

    @Test
    void anUnknownAgentRefusesEverything() {
        var unknown = TEST_KIT.spawn(RankedAgent.unknown("region-nowhere"));
        TestProbe<RankedAgent.Reply> probe = TEST_KIT.createTestProbe();
        unknown.tell(new RankedAgent.Decide("dev-1", "/eu", "block", null, probe.ref()));
        RankedAgent.Refused refused = probe.expectMessageClass(RankedAgent.Refused.class, WAIT);
        assertEquals("unknown-agent", refused.code());
        assertTrue(refused.message().contains("region-nowhere"), refused.message());
    }
}
