package org.fogledger.ledger.storage;

/** A node's journal storage could not be prepared: unreachable database, failed DDL, or storage owned by another node. */
public final class StorageSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageSetupException(String message) {
        super(message);
    }

    public StorageSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
