package org.fogledger.ledger.storage;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed-block store on the embedded default: the table SchemaCreator makes in the node's H2 file. */
class H2CommittedBlockStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void keepsTheCommittedChainAppendOnlyAndServesIt() {
        StorageChoice.H2 h2 = new StorageChoice.H2(dataDir.resolve("v0"), 2);
        SchemaCreator.ensure("v0", h2);
        CommittedBlockStoreContract.run(() -> DriverManager.getConnection(h2.jdbcUrl(), h2.connectionProperties()),
                "PUBLIC");
    }
}
