package org.fogledger.ledger.execution;

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
    private static final String CHAIN = "host-test";
    private static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));
    private static final KeyPair PROPOSER = key(99);
    private static final ExecutedResults GENESIS = Block.genesis(CHAIN).header().executed();
    private static int hosts;

    @AfterAll
    static void tearDown() {
        KIT.shutdownTestKit();
    }

    private static KeyPair key(int seed) {
        byte[] secret = new byte[32];
        secret[0] = (byte) seed;
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }

    private static String uniqueHostId() {
        return "h" + (++hosts);
    }

    private static ContractHost.Settings settings(String hostId) {
        return new ContractHost.Settings(hostId, Block.genesis(CHAIN).header().executed(), ExecutionLimits.DEFAULT,
                3, Duration.ofMinutes(5), 64);
    }

    /** Random blocks of tally transactions from a few senders, with adds, refusals, forwards and junk. */
    private static List<List<Transaction>> randomBlocks(long seed, int blocks) {
        Random random = new Random(seed);
        KeyPair[] senders = {key(1), key(2), key(3)};
        long[] nonces = new long[senders.length];
        List<List<Transaction>> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            List<Transaction> txs = new ArrayList<>();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                int s = random.nextInt(senders.length);
                String instance = "tally/i" + random.nextInt(4);
                String json;
                String command;
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        command = "add";
                        json = "{\"name\":\"n" + random.nextInt(3) + "\",\"amount\":" + (random.nextInt(21) - 8) + "}";
                    }
                    case 2 -> {
                        command = "forward";
                        json = "{\"target\":\"tally/i" + random.nextInt(4) + "\",\"name\":\"n" + random.nextInt(3)
                                + "\",\"amount\":" + random.nextInt(5) + "}";
                    }
                    case 3 -> {
                        command = "echo";
                        json = "{}";
                    }
                    default -> {
                        command = random.nextBoolean() ? "add" : "nonsense";
                        json = "{\"name\":1}";
                    }
                }
                txs.add(Transaction.sign(senders[s], CHAIN, nonces[s]++, instance, command,
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            out.add(txs);
        }
        return out;
    }

    /** Blocks whose headers claim what {@code reference} computed, lagging two blocks as a pipelined leader would. */
    private static List<Block> chain(List<List<Transaction>> bodies, InMemoryContractHost reference) {
        List<Block> blocks = new ArrayList<>();
        List<ExecutedResults> claims = new ArrayList<>();
        claims.add(Block.genesis(CHAIN).header().executed());
        Block parent = Block.genesis(CHAIN);
        for (int h = 1; h <= bodies.size(); h++) {
            ExecutedResults claim = claims.get(Math.max(0, h - 3));
            Block block = Block.create(h, h, parent.hash(), claim, PROPOSER.publicKey(), 1_000L * h,
                    bodies.get(h - 1));
            BlockResults results = reference.execute(h, block.header().timestampMillis(), block.transactions());
            claims.add(new ExecutedResults(h, results.resultsHash()));
            blocks.add(block);
            parent = block;
        }
        return blocks;
    }

    private static List<ContractHost.BlockExecuted> runHost(String hostId, Contract<?, ?> contract,
                                                            List<Block> blocks) {
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> host = KIT.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(contract), null, listener.getRef()));
        blocks.forEach(block -> host.tell(new ContractHost.ExecuteBlock(block)));
        List<ContractHost.BlockExecuted> executed = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            executed.add(listener.receiveMessage(Duration.ofSeconds(10)));
        }
        KIT.stop(host);
        return executed;
    }

    @Test
    void fourHostsExecutingRandomBlocksAgreeWithEachOtherAndWithTheReference() {
        for (long seed = 1; seed <= 6; seed++) {
            List<List<Transaction>> bodies = randomBlocks(seed, 6);
            InMemoryContractHost reference = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                    ExecutionLimits.DEFAULT, GENESIS);
            List<Block> blocks = chain(bodies, reference);
            InMemoryContractHost replay = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                    ExecutionLimits.DEFAULT, GENESIS);
            for (int v = 0; v < 4; v++) {
                List<ContractHost.BlockExecuted> executed = runHost(uniqueHostId(), new TallyContract(), blocks);
                for (int h = 0; h < blocks.size(); h++) {
                    if (v == 0) {
                        BlockResults expected = replay.execute(h + 1, blocks.get(h).header().timestampMillis(),
                                blocks.get(h).transactions());
                        assertEquals(expected.resultsHash(), executed.get(h).results().resultsHash(),
                                "seed " + seed + ", block " + (h + 1));
                    }
                    assertTrue(executed.get(h).divergences().isEmpty(),
                            "seed " + seed + " host " + v + ": " + executed.get(h).divergences());
                }
            }
        }
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

        List<ContractHost.BlockExecuted> executed = runHost(uniqueHostId(), new ImpureTallyContract(), blocks);

        long divergences = executed.stream().mapToLong(e -> e.divergences().size()).sum();
        assertTrue(divergences > 0, "the planted nondeterminism went unnoticed");
        assertEquals(1, executed.get(4).divergences().stream().filter(d -> d.height() == 2).count());
    }

    @Test
    void queriesReadTheStateAfterAWholeBlockAndSayWhichHeight() {
        List<Block> blocks = chain(List.of(List.of(Transaction.sign(key(1), CHAIN, 0, "tally/q", "add",
                "{\"name\":\"kwh\",\"amount\":4}".getBytes(StandardCharsets.UTF_8)))),
                new InMemoryContractHost(ContractCatalog.of(new TallyContract()), ExecutionLimits.DEFAULT, GENESIS));
        TestProbe<ContractHost.BlockExecuted> listener = KIT.createTestProbe();
        ActorRef<ContractHost.Command> host = KIT.spawn(ContractHost.create(settings(uniqueHostId()),
                ContractCatalog.of(new TallyContract()), null, listener.getRef()));
        host.tell(new ContractHost.ExecuteBlock(blocks.get(0)));
        TestProbe<ContractHost.QueryResult> reply = KIT.createTestProbe();

        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("tally/q"), "state", new byte[0],
                reply.getRef()));
        ContractHost.QueryResult answer = reply.receiveMessage();
        host.tell(new ContractHost.QueryInstance(ContractAddress.parse("nope/q"), "state", new byte[0],
                reply.getRef()));
        ContractHost.QueryResult unknown = reply.receiveMessage();

        assertEquals("{\"counts\":{\"kwh\":4}}", answer.text());
        assertEquals(1, answer.executedHeight());
        assertFalse(unknown.ok());
        assertEquals("unknown-contract", unknown.code());
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
