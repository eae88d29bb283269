package org.fogledger.ledger.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/** Chains of random tally blocks, and hosts to run them: shared by the host tests and properties. */
final class HostFixture {
    static final String CHAIN = "host-test";
    static final KeyPair PROPOSER = key(99);
    static final ExecutedResults GENESIS = Block.genesis(CHAIN).header().executed();
    private static int hosts;

    private HostFixture() {
    }

    static KeyPair key(int seed) {
        byte[] secret = new byte[32];
        secret[0] = (byte) seed;
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }

    static String uniqueHostId() {
        return "h" + (++hosts);
    }

    static ContractHost.Settings settings(String hostId) {
        return new ContractHost.Settings(hostId, Block.genesis(CHAIN).header().executed(), ExecutionLimits.DEFAULT,
                3, Duration.ofMinutes(5), 64, ContractHost.Settings.DEFAULT_MAX_LIVE_INSTANCES);
    }

    /** Random blocks of tally transactions from a few senders, with adds, refusals, forwards and junk. */
    static List<List<Transaction>> randomBlocks(long seed, int blocks) {
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
    static List<Block> chain(List<List<Transaction>> bodies, InMemoryContractHost reference) {
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

    static List<ContractHost.BlockExecuted> runHost(ActorTestKit kit, String hostId, Contract<?, ?> contract,
                                                     List<Block> blocks) {
        TestProbe<ContractHost.BlockExecuted> listener = kit.createTestProbe();
        ActorRef<ContractHost.Command> host = kit.spawn(ContractHost.create(settings(hostId),
                ContractCatalog.of(contract), null, listener.getRef()));
        blocks.forEach(block -> host.tell(new ContractHost.ExecuteBlock(block)));
        List<ContractHost.BlockExecuted> executed = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            executed.add(listener.receiveMessage(Duration.ofSeconds(10)));
        }
        kit.stop(host);
        return executed;
    }

}
