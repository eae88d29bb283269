package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.PostgresTestServer;
import org.fogledger.ledger.storage.SchemaCreator;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;

/** The production storage path: four validators on the real PostgreSQL server, one schema each. */
class PostgresValidatorClusterTest {

    @Test
    void fourValidatorsJournalToTheirOwnPostgresSchemas() throws Exception {
        String run = PostgresTestServer.uniqueSchema("fl_cluster");
        List<StorageChoice.Postgres> schemas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            schemas.add(PostgresTestServer.require(run + "_v" + i));
        }
        try (LocalCluster cluster = new LocalCluster(4,
                node -> JournalSettings.prepare(node, schemas.get(Integer.parseInt(node.substring(1)))))
                .startAll()) {
            KeyPair client = KeyPair.generate();
            List<CompletableFuture<SubmitResult>> answers = new ArrayList<>();
            for (int nonce = 0; nonce < 12; nonce++) {
                Transaction tx = Transaction.sign(client, LocalCluster.CHAIN_ID, nonce, "test/counter", "add",
                        new byte[] {(byte) nonce});
                answers.add(cluster.nodes.get(nonce % 4).submit(tx, Duration.ofSeconds(60)).toCompletableFuture());
            }
            for (CompletableFuture<SubmitResult> answer : answers) {
                SubmitResult result = answer.get(90, TimeUnit.SECONDS);
                assertInstanceOf(SubmitResult.Committed.class, result, () -> "expected a receipt, got " + result);
            }
            for (StorageChoice.Postgres pg : schemas) {
                try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.connectionProperties());
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select count(*) from " + pg.schema() + ".event_journal")) {
                    rs.next();
                    assertTrue(rs.getLong(1) > 0, "no journal rows in schema " + pg.schema());
                }
            }
        } finally {
            for (int i = 0; i < schemas.size(); i++) {
                SchemaCreator.drop("v" + i, schemas.get(i));
            }
        }
    }
}
