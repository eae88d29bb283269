package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;

/** A gateway's batcher seals contiguous, linked batches and refuses records that would break the stream. */
class TraceBatcherTest {
    private static final String STREAM = "gw-7";

    private static TraceRecord record(long sequence) {
        return TraceFixtures.record(STREAM, sequence, TraceKind.COLLECT);
    }

    @Test
    void aBatchIsSealedWhenItHoldsBatchSizeRecords() {
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 3);
        assertEquals(Optional.empty(), batcher.add(record(0)));
        assertEquals(Optional.empty(), batcher.add(record(1)));
        TraceBatch batch = batcher.add(record(2)).orElseThrow();
        assertEquals(0, batch.firstSequence());
        assertEquals(2, batch.lastSequence());
        assertEquals(3, batch.count());
        assertEquals(Hash.ZERO, batch.previousRoot());
        assertEquals(0, batcher.pending());
        assertEquals(3, batcher.nextSequence());
        assertEquals(batch.root(), batcher.previousRoot());
    }

    @Test
    void aBatchIsSealedOnDemandAndTheNextLinksToIt() {
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 100);
        batcher.add(record(0));
        batcher.add(record(1));
        TraceBatch first = batcher.seal().orElseThrow();
        assertEquals(2, first.count());
        assertEquals(Optional.empty(), batcher.seal(), "nothing pending, nothing sealed");
        batcher.add(record(2));
        TraceBatch second = batcher.seal().orElseThrow();
        assertEquals(first.root(), second.previousRoot());
        assertEquals(2, second.firstSequence());
    }

    @Test
    void theRootIsTheRfc6962RootOfTheRecordsLeafHashesAndEveryRecordHasAProof() {
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 7);
        List<Hash> leaves = new ArrayList<>();
        TraceBatch batch = null;
        for (long s = 0; s < 7; s++) {
            leaves.add(record(s).leafHash());
            batch = batcher.add(record(s)).orElse(null);
        }
        assertEquals(MerkleTree.root(leaves), batch.root());
        for (long s = 0; s < 7; s++) {
            assertTrue(batch.proof(s).verify(record(s).leafHash(), batch.root()));
            assertEquals((int) s, batch.proof(s).leafIndex());
        }
        TraceBatch sealed = batch;
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> sealed.proof(7));
        assertEquals("sequence 7 is not in the batch 0..6 of stream 'gw-7'", outside.getMessage());
    }

    @Test
    void recordsOutOfSequenceOrOfAnotherStreamAreRefusedAndChangeNothing() {
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 10);
        batcher.add(record(0));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> batcher.add(record(2)));
        assertEquals("stream 'gw-7' expects sequence 1 next, got 2 (would leave a gap of 1)", gap.getMessage());
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> batcher.add(record(0)));
        assertEquals("stream 'gw-7' expects sequence 1 next, got 0 (already recorded)", again.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> batcher.add(TraceFixtures.record("gw-8", 1, TraceKind.STORE)));
        assertEquals("record 1 is for stream 'gw-8', this batcher serves 'gw-7'", other.getMessage());
        assertEquals(1, batcher.pending());
        assertEquals(1, batcher.nextSequence());
    }

    @Test
    void aBatcherResumesWhereTheContractSaysTheStreamIs() {
        Hash lastRoot = TraceFixtures.hash("last anchored root");
        TraceBatcher batcher = new TraceBatcher(STREAM, 2, 40, lastRoot);
        assertThrows(IllegalArgumentException.class, () -> batcher.add(record(0)));
        batcher.add(record(40));
        TraceBatch batch = batcher.add(record(41)).orElseThrow();
        assertEquals(lastRoot, batch.previousRoot());
        assertEquals(new AnchorCommand(batch.root(), 40, 41, 2, lastRoot), batch.anchorCommand());
    }

    @Test
    void aBatchIsContiguousAndOfOneStream() {
        assertThrows(IllegalArgumentException.class, () -> new TraceBatch(STREAM, Hash.ZERO, List.of()));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> new TraceBatch(STREAM, Hash.ZERO, List.of(record(0), record(2))));
        assertEquals("records must have consecutive sequence numbers: expected 1, got 2", gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceBatch(STREAM, Hash.ZERO,
                List.of(record(0), TraceFixtures.record("gw-8", 1, TraceKind.COLLECT))));
        assertThrows(IllegalArgumentException.class, () -> TraceBatcher.forNewStream(STREAM, 0));
        assertThrows(IllegalArgumentException.class, () -> TraceBatcher.forNewStream("has space", 4));
    }

    @Test
    void theAnchorTransactionAddressesTheStreamsContract() {
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 1);
        TraceBatch batch = batcher.add(record(0)).orElseThrow();
        Transaction tx = batch.anchorTransaction(ChainFixtures.key(5), TraceFixtures.CHAIN_ID, 9);
        assertEquals("trace/gw-7", tx.contract());
        assertEquals("anchor", tx.command());
        assertEquals(batch.anchorCommand(), ContractJson.readTrusted(tx.payload(), AnchorCommand.class));
        assertTrue(tx.hasValidSignature());
    }
}
