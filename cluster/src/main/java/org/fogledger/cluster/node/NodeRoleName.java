package org.fogledger.cluster.node;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The roles a node can run, as written in {@code fogledger.node.roles} and used as Pekko Cluster roles. */
public enum NodeRoleName {
    /** A BFT validator: consensus, mempool, contract host; its own journal. */
    VALIDATOR("validator"),
    /** Ranked agents (root singleton, region/site/device shards); the agents' shared journal. */
    AGENT("agent"),
    /** A gateway actor: the enforcement point between devices and the ledger. */
    GATEWAY("gateway"),
    /** The HTTP API server. */
    API("api");

    private final String wireName;

    NodeRoleName(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The role written {@code text}; the error lists the roles there are. */
    public static NodeRoleName fromWireName(String text) {
        for (NodeRoleName role : values()) {
            if (role.wireName.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a node role: use " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(NodeRoleName::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
