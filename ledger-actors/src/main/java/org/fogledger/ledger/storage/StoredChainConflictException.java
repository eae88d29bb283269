package org.fogledger.ledger.storage;

/**
 * The committed-block store was asked to hold something that contradicts what it holds: another block at a stored
 * height, a gap, or rows that do not decode to what they say. Never retried: a validator stops rather than go on
 * with a chain it cannot vouch for.
 */
public final class StoredChainConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoredChainConflictException(String message) {
        super(message);
    }
}
