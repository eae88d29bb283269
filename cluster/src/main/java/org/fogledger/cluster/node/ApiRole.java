package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.client.LedgerClient;

/**
 * The api role: the HTTP API server ({@code org.fogledger.cluster.api.ApiServer}) on the node's ActorSystem and
 * ledger client, configured by block {@code fogledger.api}.
 *
 * <p>The API server is built on its own branch. {@link #binding()} is the one seam between the two: until it
 * returns the server, a node file that lists the api role is refused with {@link #NOT_BUILT}, before anything
 * starts. Nothing here pretends to serve HTTP.
 */
final class ApiRole implements NodeRole {
    static final String NOT_BUILT = "the api role is not built into this binary: ApiRole.binding() does not start "
            + "org.fogledger.cluster.api.ApiServer yet";

    /** Starts the API server; what it returns is closed when the node stops. */
    @FunctionalInterface
    interface ApiServerBinding {
        AutoCloseable start(ActorSystem<Void> system, LedgerClient client, Config apiConfig) throws Exception;
    }

    /**
     * THE INTEGRATION SEAM. When {@code org.fogledger.cluster.api.ApiServer} is on the classpath, return it here:
     * <pre>{@code
     * return Optional.of((system, client, api) -> ApiServer.start(system, client, ApiSettings.fromConfig(api)));
     * }</pre>
     */
    static Optional<ApiServerBinding> binding() {
        return Optional.empty();
    }

    private final ApiServerBinding server;
    private final Config apiConfig;
    private AutoCloseable running;

    private ApiRole(ApiServerBinding server, Config apiConfig) {
        this.server = server;
        this.apiConfig = apiConfig;
    }

    static ApiRole fromConfig(Config config) throws NodeConfigException {
        ApiServerBinding server = binding().orElseThrow(() -> new NodeConfigException("fogledger.node.roles: "
                + NOT_BUILT + "; remove 'api' from the roles or use a build that has the API server"));
        if (!config.hasPath("fogledger.api")) {
            throw new NodeConfigException("fogledger.api: missing (the api role reads its settings there)");
        }
        return new ApiRole(server, config.getConfig("fogledger.api"));
    }

    @Override
    public NodeRoleName name() {
        return NodeRoleName.API;
    }

    @Override
    public void start(NodeServices services) {
        try {
            running = server.start(services.system(), services.ledgerClient(), apiConfig);
        } catch (Exception e) {
            throw new IllegalStateException("the API server did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                throw new IllegalStateException("the API server did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }
}
