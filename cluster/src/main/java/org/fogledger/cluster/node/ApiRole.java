package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fogledger.cluster.api.ApiServer;
import org.fogledger.cluster.api.ApiSettings;
import org.fogledger.ledger.validator.Genesis;

/**
 * The api role: the HTTP API server ({@link ApiServer}) on the node's ActorSystem and ledger client, configured by
 * block {@code fogledger.api} (host, port, body limit, confirmations, answer timeout; see docs/API.md). It signs
 * nothing: mutations are transactions the callers signed, and the chain it accepts them for is the genesis's.
 */
final class ApiRole implements NodeRole {
    /** How long in-flight requests may finish when the node stops. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final ApiSettings settings;
    private ApiServer.Binding running;

    private ApiRole(ApiSettings settings) {
        this.settings = settings;
    }

    static ApiRole fromConfig(Config config, Genesis genesis) throws NodeConfigException {
        if (!config.hasPath(ApiSettings.CONFIG_PATH)) {
            throw new NodeConfigException(ApiSettings.CONFIG_PATH + ": missing (the api role reads its settings there)");
        }
        try {
            return new ApiRole(ApiSettings.fromConfig(config, ApiSettings.CONFIG_PATH, genesis.chainId()));
        } catch (RuntimeException e) {
            throw new NodeConfigException(e.getMessage());
        }
    }

    ApiSettings settings() {
        return settings;
    }

    @Override
    public NodeRoleName name() {
        return NodeRoleName.API;
    }

    /** Binds the port before the node says READY; a port that cannot be bound fails the node, naming it. */
    @Override
    public void start(NodeServices services) {
        try {
            running = ApiServer.start(services.system(), services.ledgerClient(), settings,
                            new LocalGatewayTrails(services.system(), settings.answerTimeout())).toCompletableFuture()
                    .get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the API server could not listen on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (running != null) {
            try {
                running.stop(STOP_GRACE).toCompletableFuture().get(STOP_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the API server did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }
}
