package org.fogledger.agents.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.trace.DataReference;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceKind;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway's anchored batches on disk: kept across a reopen, found by sequence, refused when a file is altered. */
class AnchoredBatchStoreTest {
    private static final String STREAM = "gw-store";
    private static final KeyPair GATEWAY = KeyPair.generate();

    @TempDir
    Path dir;

    private static TraceBatch batch(long first, int count, Hash previousRoot) {
        List<TraceRecord> records = new ArrayList<>();
        for (long s = first; s < first + count; s++) {
            records.add(new TraceRecord(TraceKind.COLLECT, new DataReference("dev-" + s, "heart-rate",
                    Hash.of(new byte[32])), GATEWAY.publicKey(), null, "collection", null, STREAM, s, 1_000 + s));
        }
        return new TraceBatch(STREAM, previousRoot, records);
    }

    private static AnchoredBatch anchored(TraceBatch batch, long height) {
        return new AnchoredBatch(batch, batch.anchorTransaction(GATEWAY, "chain-1", height), height,
                Hash.of(new byte[32]));
    }

    @Test
    void keepsBatchesAcrossAReopenAndFindsTheOneHoldingASequence() {
        TraceBatch first = batch(0, 4, Hash.ZERO);
        TraceBatch second = batch(4, 3, first.root());
        AnchoredBatchStore store = AnchoredBatchStore.open(dir, STREAM, CodecLimits.DEFAULT);
        store.keep(anchored(first, 5));
        store.keep(anchored(second, 9));
        store.keep(anchored(second, 9));
        assertEquals(2, store.size());

        AnchoredBatchStore reopened = AnchoredBatchStore.open(dir, STREAM, CodecLimits.DEFAULT);
        AnchoredBatch holding5 = reopened.holding(5).orElseThrow();
        assertEquals(second.root(), holding5.batch().root());
        assertEquals(9, holding5.height());
        assertEquals(anchored(second, 9).anchorTransaction().hash(), holding5.anchorTransaction().hash());
        assertEquals(first.records(), reopened.holding(0).orElseThrow().batch().records());
        assertEquals(Optional.empty(), reopened.holding(7));
        assertThrows(IllegalStateException.class, () -> reopened.keep(anchored(batch(2, 4, Hash.ZERO), 11)),
                "a batch over a kept range");
    }

    @Test
    void aCorruptedFileIsRefusedNamingIt() throws Exception {
        AnchoredBatchStore store = AnchoredBatchStore.open(dir, STREAM, CodecLimits.DEFAULT);
        TraceBatch batch = batch(0, 4, Hash.ZERO);
        store.keep(anchored(batch, 5));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        // One record altered: the records no longer hash to the root the file and the anchor name.
        String json = Files.readString(file, StandardCharsets.UTF_8);
        String record = batch.records().get(2).encode().length > 0
                ? java.util.HexFormat.of().formatHex(batch.records().get(2).encode()) : "";
        String forged = java.util.HexFormat.of().formatHex(new TraceRecord(TraceKind.COLLECT,
                new DataReference("dev-X", "heart-rate", Hash.of(new byte[32])), GATEWAY.publicKey(), null,
                "collection", null, STREAM, 2, 1_002).encode());
        assertTrue(json.contains(record));
        Files.writeString(file, json.replace(record, forged), StandardCharsets.UTF_8);

        AnchoredBatchStore reopened = AnchoredBatchStore.open(dir, STREAM, CodecLimits.DEFAULT);
        AnchoredBatchStore.CorruptBatchFileException corrupt = assertThrows(
                AnchoredBatchStore.CorruptBatchFileException.class, () -> reopened.holding(1));
        assertTrue(corrupt.getMessage().contains(file.getFileName().toString()), corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("root"), corrupt.getMessage());

        Files.writeString(file, "{\"format\":", StandardCharsets.UTF_8);
        corrupt = assertThrows(AnchoredBatchStore.CorruptBatchFileException.class, () -> reopened.holding(0));
        assertTrue(corrupt.getMessage().contains(file.getFileName().toString()), corrupt.getMessage());
    }
}
