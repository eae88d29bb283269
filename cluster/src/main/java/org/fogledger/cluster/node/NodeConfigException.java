package org.fogledger.cluster.node;

/** A node file that cannot be run: the message names the key (or file) at fault and what is wrong with it. */
public final class NodeConfigException extends Exception {
    public NodeConfigException(String message) {
        super(message);
    }

    public NodeConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
