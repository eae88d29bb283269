package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * One role of a node ({@link NodeRoleName}). A role is built from the node file before anything starts (so that
 * every configuration error is found first), then started once the node's ActorSystem exists, and closed when the
 * node stops, in the reverse order of starting.
 */
public interface NodeRole extends AutoCloseable {

    NodeRoleName name();

    /**
     * Pekko settings the role needs in the node's ActorSystem (a journal, for instance). They go under the node
     * file, which can still override any key.
     */
    default Config systemConfig() {
        return ConfigFactory.empty();
    }

    /** Starts the role's actors in the node's ActorSystem. */
    void start(NodeServices services);

    /** Stops what {@link #start} started that the ActorSystem's termination does not stop by itself. */
    @Override
    default void close() {
    }
}
