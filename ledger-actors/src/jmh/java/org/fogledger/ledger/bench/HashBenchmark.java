package org.fogledger.ledger.bench;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
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
 * SHA-256 of 1 KiB: the project's {@link Sha256} (a clone of the JDK's SUN digest per call) against Bouncy Castle's
 * pure-Java {@link SHA256Digest} and the JDK's {@link MessageDigest} obtained per call or reused.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class HashBenchmark {
    private static final int DATA_LENGTH = 1024;

    private byte[] data;
    private MessageDigest reused;

    @Setup
    public void setUp() throws Exception {
        data = new byte[DATA_LENGTH];
        new Random(7L).nextBytes(data);
        reused = MessageDigest.getInstance("SHA-256");
        byte[] expected = Sha256.hash(data).bytes();
        if (!Arrays.equals(expected, bcSha256Digest()) || !Arrays.equals(expected, jdkMessageDigestGetInstance())
                || !Arrays.equals(expected, jdkMessageDigestReused())) {
            throw new IllegalStateException("SHA-256 implementations disagree");
        }
    }

    @Benchmark
    public Hash fogledgerSha256() {
        return Sha256.hash(data);
    }

    @Benchmark
    public byte[] bcSha256Digest() {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] jdkMessageDigestGetInstance() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        return digest.digest(data);
    }

    @Benchmark
    public byte[] jdkMessageDigestReused() {
        return reused.digest(data);
    }
}
