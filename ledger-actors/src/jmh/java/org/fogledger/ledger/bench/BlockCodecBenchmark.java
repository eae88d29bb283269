package org.fogledger.ledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical encoding and decoding of a block of 1,000 Ed25519-signed transactions with 100-byte payloads, from 16
 * fixed sender keys. {@code decode} checks structure and limits only (no signatures, no hashes), as
 * {@link Block#decode} does; {@code decodeAndCheckRoot} adds what a validator does next with a proposal's body:
 * hash every transaction and compare the Merkle root with the header's. Divide a score by 1,000 for the cost per
 * transaction.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BlockCodecBenchmark {
    static final int TRANSACTIONS = 1_000;
    static final int PAYLOAD_BYTES = 100;
    static final int SENDERS = 16;
    static final String CHAIN_ID = "fogledger-bench";

    // Default limits: 8 MiB and 10,000 transactions per block, 64 KiB per transaction; this block is ~0.25 MB.
    private final CodecLimits limits = CodecLimits.DEFAULT;

    private Block block;
    private byte[] encoded;

    @Setup
    public void setUp() {
        Random random = new Random(1_000L);
        KeyPair[] senders = new KeyPair[SENDERS];
        for (int i = 0; i < SENDERS; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            senders[i] = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
        }
        List<Transaction> txs = new ArrayList<>(TRANSACTIONS);
        for (int i = 0; i < TRANSACTIONS; i++) {
            byte[] payload = new byte[PAYLOAD_BYTES];
            random.nextBytes(payload);
            txs.add(Transaction.sign(senders[i % SENDERS], CHAIN_ID, i / SENDERS, "device-registry", "register",
                    payload));
        }
        byte[] proposerSecret = new byte[32];
        random.nextBytes(proposerSecret);
        KeyPair proposer = KeyPair.fromPrivateKey(SignatureScheme.ED25519, proposerSecret);
        block = Block.create(1, 1, Block.genesis(CHAIN_ID).hash(), new ExecutedResults(0, Hash.ZERO), proposer.publicKey(),
                1_700_000_000_000L, txs);
        encoded = block.encode();

        if (encoded.length > limits.maxBlockBytes() || TRANSACTIONS > limits.maxTransactionsPerBlock()) {
            throw new IllegalStateException("benchmark block exceeds the codec limits");
        }
        Block decoded = Block.decode(encoded, limits);
        if (!decoded.equals(block) || !decoded.transactionsMatchRoot()) {
            throw new IllegalStateException("block does not round-trip");
        }
        System.out.println("block: " + TRANSACTIONS + " transactions, " + encoded.length + " bytes encoded");
    }

    @Benchmark
    public byte[] encode() {
        return block.encode();
    }

    @Benchmark
    public Block decode() {
        return Block.decode(encoded, limits);
    }

    @Benchmark
    public boolean decodeAndCheckRoot() {
        return Block.decode(encoded, limits).transactionsMatchRoot();
    }
}
