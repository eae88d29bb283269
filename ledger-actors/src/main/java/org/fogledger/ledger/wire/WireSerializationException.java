package org.fogledger.ledger.wire;

/**
 * A message could not be written to or read from the wire: unregistered class, unknown id, a class named by
 * name, a size over the limit, or malformed bytes. The message says which and names the class where known.
 */
public final class WireSerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireSerializationException(String message) {
        super(message);
    }

    public WireSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
