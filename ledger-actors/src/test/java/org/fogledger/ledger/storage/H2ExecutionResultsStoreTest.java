package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution results in the node's H2 file, in the table SchemaCreator makes. */
class H2ExecutionResultsStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void keepsResultsIdempotentlyAndChecksWhatItReads() throws Exception {
        StorageChoice.H2 h2 = new StorageChoice.H2(dataDir.resolve("v0"), 2);
        SchemaCreator.ensure("v0", h2);
        ExecutionResultsStoreContract.run(() -> DriverManager.getConnection(h2.jdbcUrl(), h2.connectionProperties()),
                "PUBLIC");
    }

    @Test
    void resultsRoundTripTheirCanonicalEncodingStrictly() {
        BlockResults one = ExecutionResultsStoreContract.results(7, Hash.of(new byte[32]), "anchored");
        assertEquals(one, BlockResults.decode(one.encode(), CodecLimits.DEFAULT, 1 << 20));
        byte[] trailing = java.util.Arrays.copyOf(one.encode(), one.encode().length + 1);
        assertThrows(DecodingException.class, () -> BlockResults.decode(trailing, CodecLimits.DEFAULT, 1 << 20));
        assertThrows(DecodingException.class, () -> BlockResults.decode(one.encode(), CodecLimits.DEFAULT, 16));
    }
}
