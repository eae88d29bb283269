package org.fogledger.ledger.contract.sharing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a usage session is: open, or ended in one of three ways (each refunds what was not paid). */
public enum SessionStatus {
    OPEN("open"),
    /** The consumer closed it before it expired. */
    CLOSED("closed"),
    /** The gateway, or the consumer after the service deadline with nothing metered, declared the service failed. */
    FAILED("failed"),
    /** The consumer took back what was left after the session expired. */
    EXPIRED("expired");

    private final String wireName;

    SessionStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static SessionStatus fromWireName(String name) {
        for (SessionStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown session status '" + name + "'; expected open, closed, failed"
                + " or expired");
    }
}
