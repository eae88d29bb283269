package org.fogledger.ledger.validator;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.PostgresTestServer;
import org.fogledger.ledger.storage.SchemaCreator;
import org.fogledger.ledger.storage.StorageChoice;
import org.junit.jupiter.api.Test;

/** Recovery from snapshots on the production storage path: four validators on the real PostgreSQL server. */
class PostgresSnapshotRecoveryTest {

    @Test
    void aValidatorRestartsFromItsLatestSnapshotAndABoundedTailWithTheStateItHad() throws Exception {
        String run = PostgresTestServer.uniqueSchema("fl_snap");
        List<StorageChoice.Postgres> schemas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            schemas.add(PostgresTestServer.require(run + "_v" + i));
        }
        try (LocalCluster cluster = new LocalCluster(4,
                node -> JournalSettings.prepare(node, schemas.get(Integer.parseInt(node.substring(1)))))) {
            SnapshotRecoveryScenario.Figures figures = SnapshotRecoveryScenario.run(cluster,
                    SnapshotRecoveryScenario.SNAPSHOT_EVERY_BLOCKS, schemas::get, i -> schemas.get(i).schema());
            SnapshotRecoveryScenario.print("PostgreSQL", figures);
            SnapshotRecoveryTest.assertBounded(figures);
        } finally {
            for (int i = 0; i < schemas.size(); i++) {
                SchemaCreator.drop("v" + i, schemas.get(i));
            }
        }
    }
}
