package org.fogledger.ledger.contract.trace;

import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.crypto.Hash;

/** Deterministic records and hashes for trace tests. */
final class TraceFixtures {
    static final String CHAIN_ID = "fogledger-trace-test";
    static final long GENESIS_MILLIS = 1_700_000_000_000L;

    private TraceFixtures() {
    }

    /**
     * Record {@code sequence} of {@code streamId}: acted on by test key 5 (the gateway of the tests), shared with
     * test key 7 when {@code kind} is a share, under a consent unless it is a collection.
     */
    static TraceRecord record(String streamId, long sequence, TraceKind kind) {
        return new TraceRecord(kind, new DataReference("dev-" + (sequence % 3), "heart-rate",
                ChainFixtures.hashOf("reading " + streamId + " " + sequence)), ChainFixtures.key(5).publicKey(),
                kind == TraceKind.SHARE ? ChainFixtures.key(7).publicKey() : null, "treatment",
                kind == TraceKind.COLLECT ? null : "consent-" + sequence, streamId, sequence,
                GENESIS_MILLIS + 10 * sequence);
    }

    static Hash hash(String label) {
        return ChainFixtures.hashOf(label);
    }

    static byte[] flip(byte[] bytes, int index, int mask) {
        byte[] copy = bytes.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }
}
