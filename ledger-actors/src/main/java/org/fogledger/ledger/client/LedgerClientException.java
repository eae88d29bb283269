package org.fogledger.ledger.client;

/** A submission the client could not complete: no validator known, no answer in time, or no agreement. */
public class LedgerClientException extends RuntimeException {
    public LedgerClientException(String message) {
        super(message);
    }

    public LedgerClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
