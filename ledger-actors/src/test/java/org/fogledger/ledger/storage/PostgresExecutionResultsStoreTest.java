package org.fogledger.ledger.storage;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** Execution results on the real PostgreSQL server, in a node's own schema as SchemaCreator makes it. */
class PostgresExecutionResultsStoreTest {

    @Test
    void keepsResultsIdempotentlyAndChecksWhatItReads() throws Exception {
        StorageChoice.Postgres pg = PostgresTestServer.require(PostgresTestServer.uniqueSchema("fl_results"));
        try {
            SchemaCreator.ensure("v0", pg);
            ExecutionResultsStoreContract.run(() -> DriverManager.getConnection(pg.jdbcUrl(),
                    pg.connectionProperties()), pg.schemaFor("v0"));
        } finally {
            SchemaCreator.drop("v0", pg);
        }
    }
}
