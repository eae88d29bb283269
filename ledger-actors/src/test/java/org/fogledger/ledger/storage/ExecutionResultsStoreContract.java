package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;

/**
 * What {@link ExecutionResultsStore} promises on any database: idempotent writes, a refusal of other results at a
 * stored height, reads that stop at the first missing height, survive a new store object, and catch altered bytes.
 */
final class ExecutionResultsStoreContract {
    private ExecutionResultsStoreContract() {
    }

    static BlockResults results(long height, Hash previous, String code) {
        ExecutionRecord record = new ExecutionRecord(0, Hash.of(new byte[32]), false, "trace/gw-1", "anchor",
                new ContractResult(true, code, "{\"x\":1}".getBytes(StandardCharsets.UTF_8)), Hash.of(new byte[32]));
        return BlockResults.of(height, 1, List.of(record), previous);
    }

    static void run(CommittedBlockStore.Connections connections, String schema) throws Exception {
        ExecutionResultsStore store = new ExecutionResultsStore(connections, schema, CodecLimits.DEFAULT);
        BlockResults one = results(1, Hash.of(new byte[32]), "anchored");
        BlockResults two = results(2, one.resultsHash(), "anchored");
        store.put(one);
        store.put(two);
        store.put(one);
        StoredChainConflictException conflict = assertThrows(StoredChainConflictException.class,
                () -> store.put(results(2, one.resultsHash(), "other")));
        assertTrue(conflict.getMessage().contains("block 2"), conflict.getMessage());
        assertEquals(List.of(one, two), store.range(1, 9));
        assertEquals(List.of(), store.range(3, 9));
        assertEquals(List.of(), store.range(0, 5), "reads stop at the first height not stored");

        ExecutionResultsStore reopened = new ExecutionResultsStore(connections, schema, CodecLimits.DEFAULT);
        assertEquals(List.of(two), reopened.range(2, 2));

        // A planted change in the stored bytes no longer hashes to the stored results hash.
        byte[] altered = results(2, one.resultsHash(), "forged").encode();
        try (Connection c = connections.open(); PreparedStatement up = c.prepareStatement("UPDATE " + schema + "."
                + ExecutionResultsStore.TABLE + " SET \"results\" = ? WHERE \"height\" = 2")) {
            up.setBytes(1, altered);
            assertEquals(1, up.executeUpdate());
        }
        StoredChainConflictException corrupt = assertThrows(StoredChainConflictException.class,
                () -> reopened.range(1, 2));
        assertTrue(corrupt.getMessage().contains("height 2"), corrupt.getMessage());
    }
}
