package org.fogledger.ledger.storage;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The committed-block store on the real PostgreSQL server, in a node's own schema as SchemaCreator makes it. */
class PostgresCommittedBlockStoreTest {

    @Test
    void keepsTheCommittedChainAppendOnlyAndServesIt() {
        StorageChoice.Postgres pg = PostgresTestServer.require(PostgresTestServer.uniqueSchema("fl_blocks"));
        try {
            SchemaCreator.ensure("v0", pg);
            // Qualified by the schema, never through search_path: connect without currentSchema.
            CommittedBlockStoreContract.run(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.connectionProperties()),
                    pg.schemaFor("v0"));
        } finally {
            SchemaCreator.drop("v0", pg);
        }
    }
}
