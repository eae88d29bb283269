package org.fogledger.ledger.execution;

import static org.fogledger.ledger.execution.HostFixture.CHAIN;
import static org.fogledger.ledger.execution.HostFixture.GENESIS;
import static org.fogledger.ledger.execution.HostFixture.chain;
import static org.fogledger.ledger.execution.HostFixture.key;
import static org.fogledger.ledger.execution.HostFixture.randomBlocks;
import static org.fogledger.ledger.execution.HostFixture.runHost;
import static org.fogledger.ledger.execution.HostFixture.settings;
import static org.fogledger.ledger.execution.HostFixture.uniqueHostId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionReport;
import org.fogledger.ledger.contract.ImpureTallyContract;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.TallyContract;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ContractHostTest {
    private static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));

    @AfterAll
    static void tearDown() {
        KIT.shutdownTestKit();
    }

    @Test
    void aNondeterministicContractIsCaughtByTheResultsClaims() {
        List<List<Transaction>> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(randomBlocks(100 + i, 1).get(0));
            bodies.get(i).add(Transaction.sign(key(7), CHAIN, i, "tally/x", "add",
                    "{\"name\":\"a\",\"amount\":1}".getBytes(StandardCharsets.UTF_8)));
        }
        InMemoryContractHost reference = new InMemoryContractHost(ContractCatalog.of(new ImpureTallyContract()),
                ExecutionLimits.DEFAULT, GENESIS);
        List<Block> blocks = chain(bodies, reference);

        List<ContractHost.BlockExecuted> executed = runHost(KIT, uniqueHostId(), new ImpureTallyContract(), blocks);

        long divergences = executed.stream().mapToLong(e -> e.divergences().size()).sum();
        assertTrue(divergences > 0, "the planted nondeterminism went unnoticed");
        assertEquals(1, executed.get(4).divergences().stream().filter(d -> d.height() == 2).count());
    }

    @Test
    void queriesReadTheStateAfterAWholeBlockAndSayWhichHeight() {
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> host = hostAfterAddingFourKwhTo("tally/q", listener);
        TestProbe<ContractHost.QueryResult> reply = KIT.createTestProbe();

        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/q"), "state", new byte[0],
                reply.getRef()));
        ContractHost.QueryResult answer = reply.receiveMessage();
        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("nope/q"), "state", new byte[0],
                reply.getRef()));
        ContractHost.QueryResult unknown = reply.receiveMessage();

        assertEquals("{\"counts\":{\"kwh\":4}}", answer.text());
        assertEquals(1, answer.executedHeight());
        TestProbe<List<BlockResults>> results = KIT.createTestProbe();
        host.tell(new ContractHost.GetBlockResults(1, 5, results.getRef()));
        List<BlockResults> held = results.receiveMessage();
        assertEquals(1, held.size());
        assertEquals(listener.receiveMessage().results().resultsHash(), held.get(0).resultsHash());
        assertFalse(unknown.ok());
        assertEquals("unknown-contract", unknown.code());
        KIT.stop(host);
    }

    @Test
    void aDryRunShowsEveryExecutionATransactionWouldCauseAndKeepsNothing() {
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> host = hostAfterAddingFourKwhTo("tally/dry", listener);
        listener.receiveMessage();
        TestProbe<DryRunResult> dry = KIT.createTestProbe();

        // Would add 3 to the 4 already there: the result says 7, the state stays 4.
        host.tell(new ContractHost.DryRun(Transaction.sign(key(1), CHAIN, 1, "tally/dry", "add",
                "{\"name\":\"kwh\",\"amount\":3}".getBytes(StandardCharsets.UTF_8)), 0, dry.getRef()));
        DryRunResult added = dry.receiveMessage();
        assertTrue(added.wouldSucceed(), added.toString());
        assertEquals(1, added.executedHeight());
        assertEquals(1, added.steps().size());
        assertEquals("added", added.steps().get(0).code());
        assertEquals("7", added.steps().get(0).text());
        TestProbe<ContractHost.QueryResult> reply = KIT.createTestProbe();
        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/dry"), "state", new byte[0],
                reply.getRef()));
        assertEquals("{\"counts\":{\"kwh\":4}}", reply.receiveMessage().text(), "a dry run keeps nothing");

        // A forward the target would refuse: the transaction itself is fine, its internal message is not.
        host.tell(new ContractHost.DryRun(Transaction.sign(key(1), CHAIN, 1, "tally/dry", "forward",
                "{\"target\":\"tally/other\",\"name\":\"kwh\",\"amount\":-10}".getBytes(
                        StandardCharsets.UTF_8)), 0, dry.getRef()));
        DryRunResult forwarded = dry.receiveMessage();
        assertFalse(forwarded.wouldSucceed(), forwarded.toString());
        assertEquals(2, forwarded.steps().size());
        assertTrue(forwarded.steps().get(0).ok());
        assertEquals("forwarded", forwarded.steps().get(0).code());
        DryRunResult.Step internal = forwarded.steps().get(1);
        assertTrue(internal.internal());
        assertEquals("tally/other", internal.address());
        assertFalse(internal.ok());
        assertEquals("negative-tally", internal.code());

        // A contract nobody deployed is settled as in a block.
        host.tell(new ContractHost.DryRun(Transaction.sign(key(1), CHAIN, 1, "nope/x", "add", new byte[0]), 0,
                dry.getRef()));
        DryRunResult unknown = dry.receiveMessage();
        assertEquals("unknown-contract", unknown.steps().get(0).code());
        KIT.stop(host);
    }

    /** A host of the tally contract given block 1: {@code address} adds 4 to "kwh". */
    private static ActorRef<ContractHost.Command> hostAfterAddingFourKwhTo(String address,
                                                                         TestProbe<ContractHost.BlockExecuted> listener) {
        List<Block> blocks = chain(List.of(List.of(Transaction.sign(key(1), CHAIN, 0, address, "add",
                "{\"name\":\"kwh\",\"amount\":4}".getBytes(StandardCharsets.UTF_8)))),
                new InMemoryContractHost(ContractCatalog.of(new TallyContract()), ExecutionLimits.DEFAULT, GENESIS));
        ActorRef<ContractHost.Command> host = KIT.spawn(ContractHost.create(settings(uniqueHostId()),
                ContractCatalog.of(new TallyContract()), null, listener.getRef()));
        host.tell(new ContractHost.ExecuteBlock(blocks.get(0)));
        return host;
    }

    @Test
    void readsOfManyAddressesKeepAtMostTheBoundOfInstancesInMemoryAndStillAnswer() {
        ContractHost.Settings base = settings(uniqueHostId());
        ContractHost.Settings bounded = new ContractHost.Settings(base.hostId(), base.genesisResults(), base.limits(),
                base.snapshotEvery(), base.idleTimeout(), base.maxDivergencesKept(), 10);
        ActorRef<ContractHost.Command> host = KIT.spawn(ContractHost.create(bounded,
                ContractCatalog.of(new TallyContract()), null, null));
        TestProbe<ContractHost.QueryResult> reply = KIT.createTestProbe();
        TestProbe<ContractHost.HostStatus> status = KIT.createTestProbe();

        for (int i = 0; i < 50; i++) {
            host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/knock-" + i), "state", new byte[0],
                    reply.getRef()));
            assertEquals("{\"counts\":{}}", reply.receiveMessage().text());
            host.tell(new ContractHost.GetStatus(status.getRef()));
            int live = status.receiveMessage().liveInstances();
            assertTrue(live <= 10, "after " + (i + 1) + " reads " + live + " instances are live, above the bound");
        }
        // The least recently used went; a read of one of them starts it again from its journal.
        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/knock-0"), "state", new byte[0],
                reply.getRef()));
        assertEquals("{\"counts\":{}}", reply.receiveMessage().text());
        KIT.stop(host);
    }

    @Test
    void aRestartedHostResumesAfterItsCheckpointAndAsksForTheBlocksItMisses() {
        List<List<Transaction>> bodies = randomBlocks(42, 6);
        InMemoryContractHost reference = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                ExecutionLimits.DEFAULT, GENESIS);
        List<Block> blocks = chain(bodies, reference);
        String hostId = uniqueHostId();
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        TestProbe<ContractHost.BlocksWanted> source = KIT.createTestProbe();
        ActorRef<ContractHost.Command> first = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(new TallyContract()), source.getRef(), listener.getRef()));
        assertEquals(1, source.receiveMessage().fromHeight());
        for (int h = 0; h < 3; h++) {
            first.tell(new ContractHost.ExecuteBlock(blocks.get(h)));
            listener.receiveMessage();
        }
        KIT.stop(first);

        ActorRef<ContractHost.Command> second = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(new TallyContract()), source.getRef(), listener.getRef()));
        ContractHost.BlocksWanted wanted = source.receiveMessage();
        assertEquals(4, wanted.fromHeight());
        blocks.forEach(block -> second.tell(new ContractHost.ExecuteBlock(block)));
        List<ContractHost.BlockExecuted> rest = List.of(listener.receiveMessage(), listener.receiveMessage(),
                listener.receiveMessage());
        listener.expectNoMessage(Duration.ofMillis(200));

        InMemoryContractHost replay = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                ExecutionLimits.DEFAULT, GENESIS);
        for (int h = 0; h < 6; h++) {
            BlockResults expected = replay.execute(h + 1, blocks.get(h).header().timestampMillis(),
                    blocks.get(h).transactions());
            if (h >= 3) {
                assertEquals(expected.resultsHash(), rest.get(h - 3).results().resultsHash());
            }
        }
        KIT.stop(second);
    }

    /**
     * The results sink (the validator's results table) comes before the checkpoint: a host whose sink fails for a
     * block stops without checkpointing it, and the next host executes that block again and keeps its results, so a
     * checkpointed block never lacks them.
     */
    @Test
    void aBlockIsCheckpointedOnlyOnceItsResultsAreKept() {
        List<Block> blocks = chain(randomBlocks(7, 3), new InMemoryContractHost(
                ContractCatalog.of(new TallyContract()), ExecutionLimits.DEFAULT, GENESIS));
        String hostId = uniqueHostId();
        List<BlockResults> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestProbe<ContractHost.BlocksWanted> source = KIT.createTestProbe();
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> failing = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(new TallyContract()), source.getRef(), listener.getRef(), results -> {
                    if (results.height() == 2) {
                        return java.util.concurrent.CompletableFuture.failedFuture(
                                new IllegalStateException("disk full"));
                    }
                    kept.add(results);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }));
        assertEquals(1, source.receiveMessage().fromHeight());
        blocks.forEach(block -> failing.tell(new ContractHost.ExecuteBlock(block)));
        assertEquals(1, listener.receiveMessage().results().height());
        listener.expectTerminated(failing, Duration.ofSeconds(10));

        ActorRef<ContractHost.Command> next = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(new TallyContract()), source.getRef(), listener.getRef(), results -> {
                    kept.add(results);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }));
        assertEquals(2, source.receiveMessage().fromHeight(), "block 2 was not checkpointed");
        blocks.forEach(block -> next.tell(new ContractHost.ExecuteBlock(block)));
        assertEquals(2, listener.receiveMessage().results().height());
        assertEquals(3, listener.receiveMessage().results().height());
        assertEquals(List.of(1L, 2L, 3L), kept.stream().map(BlockResults::height).toList());
        KIT.stop(next);
    }

    @Test
    void aBlockInterruptedMidwayIsReExecutedWithoutApplyingAnythingTwice() {
        String hostId = uniqueHostId();
        Transaction add = Transaction.sign(key(1), CHAIN, 0, "tally/once", "add",
                "{\"name\":\"kwh\",\"amount\":4}".getBytes(StandardCharsets.UTF_8));
        List<Block> blocks = chain(List.of(List.of(add)),
                new InMemoryContractHost(ContractCatalog.of(new TallyContract()), ExecutionLimits.DEFAULT, GENESIS));
        // The crash: the instance applied execution (1, 0), the host never checkpointed block 1.
        ActorRef<ContractInstance.Command> instance = KIT.spawn(ContractInstance.create(hostId,
                ContractAddress.parse("tally/once"), new TallyContract(), ExecutionLimits.DEFAULT, 3));
        TestProbe<ExecutionReport> report = KIT.createTestProbe();
        instance.tell(new ContractInstance.Execute(new Invocation(ContractAddress.parse("tally/once"), "add",
                add.payload(), new ExecutionContext(1, 0, 1000, add.sender(), null, add.hash())), report.getRef()));
        report.receiveMessage();
        KIT.stop(instance);

        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> host = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(new TallyContract()), null, listener.getRef()));
        host.tell(new ContractHost.ExecuteBlock(blocks.get(0)));
        listener.receiveMessage();
        TestProbe<ContractHost.QueryResult> reply = KIT.createTestProbe();
        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/once"), "state", new byte[0],
                reply.getRef()));

        assertEquals("{\"counts\":{\"kwh\":4}}", reply.receiveMessage().text());
        KIT.stop(host);
    }
}
