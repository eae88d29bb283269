package org.fogledger.ledger.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Sha256;
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
 * The RFC 6962 Merkle root of a block's worth of transaction hashes (1,000 leaves: 1,000 leaf hashes and 999 node
 * hashes of 33 and 65 bytes).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class MerkleBenchmark {
    private static final int LEAVES = 1_000;

    private List<Hash> leaves;

    @Setup
    public void setUp() {
        leaves = new ArrayList<>(LEAVES);
        for (int i = 0; i < LEAVES; i++) {
            leaves.add(Sha256.hash(ByteBuffer.allocate(4).putInt(i).array()));
        }
    }

    @Benchmark
    public Hash root1000() {
        return MerkleTree.root(leaves);
    }
}
