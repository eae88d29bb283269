package org.fogledger.cluster.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.LocalCluster;

/**
 * Four validators in this JVM (H2 journals under a test's folder) with the built-in contracts, and the HTTP API on a
 * free port of 127.0.0.1, served from validator 0's actor system: the fixture of the tests that drive the API or
 * fogctl end to end.
 */
public final class ApiOverLocalCluster implements AutoCloseable {
    public final LocalCluster cluster;
    public final LedgerClient ledger;
    public final ApiServer.Binding api;

    private ApiOverLocalCluster(LocalCluster cluster, LedgerClient ledger, ApiServer.Binding api) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.api = api;
    }

    /**
     * @param rootOperators the genesis' root operators (authority over "/")
     * @param answerTimeout how long the API and its client wait for the ledger
     * @param trails        where the API finds gateways' trails for audit proofs, given validator 0's system
     */
    public static ApiOverLocalCluster start(Path dataDir, List<PublicKey> rootOperators, Duration answerTimeout,
                                            Function<ActorSystem<?>, AuditTrails> trails) throws Exception {
        LocalCluster cluster = LocalCluster.withH2(4, dataDir).withContracts(i -> BuiltInContracts.catalog(
                LocalCluster.CHAIN_ID, List.of(), rootOperators)).startAll();
        LedgerClient ledger = null;
        try {
            ActorSystem<?> system = cluster.nodes.get(0).system();
            ledger = LedgerClient.create(system);
            ledger.awaitValidators(4, answerTimeout).toCompletableFuture().get(90, TimeUnit.SECONDS);
            ApiServer.Binding api = ApiServer.start(system, ledger, ApiSettings.defaults(LocalCluster.CHAIN_ID)
                            .withAddress("127.0.0.1", 0).withAnswerTimeout(answerTimeout), trails.apply(system))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new ApiOverLocalCluster(cluster, ledger, api);
        } catch (Exception | Error e) {
            if (ledger != null) {
                ledger.close();
            }
            cluster.close();
            throw e;
        }
    }

    /** With no gateways' trails. */
    public static ApiOverLocalCluster start(Path dataDir, List<PublicKey> rootOperators, Duration answerTimeout)
            throws Exception {
        return start(dataDir, rootOperators, answerTimeout, system -> AuditTrails.NONE);
    }

    public ActorSystem<?> system() {
        return cluster.nodes.get(0).system();
    }

    public int port() {
        return api.port();
    }

    @Override
    public void close() throws Exception {
        try {
            api.stop(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            ledger.close();
            cluster.close();
        }
    }
}
