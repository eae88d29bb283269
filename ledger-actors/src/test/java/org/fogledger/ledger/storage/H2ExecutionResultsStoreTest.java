package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution results in the node's H2 file: idempotent writes, checked reads, kept across a reopen. */
class H2ExecutionResultsStoreTest {
    @TempDir
    Path dataDir;

    private static BlockResults results(long height, Hash previous, String code) {
        ExecutionRecord record = new ExecutionRecord(0, Hash.of(new byte[32]), false, "trace/gw-1", "anchor",
                new ContractResult(true, code, "{\"x\":1}".getBytes(StandardCharsets.UTF_8)), Hash.of(new byte[32]));
        return BlockResults.of(height, 1, List.of(record), previous);
    }

    @Test
    void keepsResultsIdempotentlyAndRefusesOthersAtTheSameHeight() throws Exception {
        StorageChoice.H2 h2 = new StorageChoice.H2(dataDir.resolve("v0"), 2);
        SchemaCreator.ensure("v0", h2);
        CommittedBlockStore.Connections connections = () -> DriverManager.getConnection(h2.jdbcUrl(),
                h2.connectionProperties());
        ExecutionResultsStore store = new ExecutionResultsStore(connections, "PUBLIC", CodecLimits.DEFAULT);
        BlockResults one = results(1, Hash.of(new byte[32]), "anchored");
        BlockResults two = results(2, one.resultsHash(), "anchored");
        store.put(one);
        store.put(two);
        store.put(one);
        assertThrows(StoredChainConflictException.class, () -> store.put(results(2, one.resultsHash(), "other")));
        assertEquals(List.of(one, two), store.range(1, 9));
        assertEquals(List.of(), store.range(3, 9));

        SchemaCreator.ensure("v0", h2);
        ExecutionResultsStore reopened = new ExecutionResultsStore(connections, "PUBLIC", CodecLimits.DEFAULT);
        assertEquals(List.of(two), reopened.range(2, 2));

        // A planted change in the stored bytes no longer hashes to the stored results hash.
        byte[] altered = results(2, one.resultsHash(), "forged").encode();
        try (Connection c = connections.open(); PreparedStatement up = c.prepareStatement("UPDATE PUBLIC."
                + ExecutionResultsStore.TABLE + " SET \"results\" = ? WHERE \"height\" = 2")) {
            up.setBytes(1, altered);
            assertEquals(1, up.executeUpdate());
        }
        StoredChainConflictException corrupt = assertThrows(StoredChainConflictException.class,
                () -> reopened.range(1, 2));
        assertTrue(corrupt.getMessage().contains("height 2"), corrupt.getMessage());
    }

    @Test
    void resultsRoundTripTheirCanonicalEncoding() {
        BlockResults one = results(7, Hash.of(new byte[32]), "anchored");
        assertEquals(one, BlockResults.decode(one.encode(), CodecLimits.DEFAULT, 1 << 20));
        byte[] trailing = java.util.Arrays.copyOf(one.encode(), one.encode().length + 1);
        assertThrows(org.fogledger.ledger.codec.DecodingException.class,
                () -> BlockResults.decode(trailing, CodecLimits.DEFAULT, 1 << 20));
    }
}
