package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened to a piece of data: the four acts the traceability trail records. The code is the byte in the
 * canonical encoding; the JSON name is the lowercase word. Never renumber.
 */
public enum TraceKind {
    /** A gateway received the data from the device that produced it. */
    @JsonProperty("collect") COLLECT(1),
    /** The data was written to storage. */
    @JsonProperty("store") STORE(2),
    /** A party read the data. */
    @JsonProperty("access") ACCESS(3),
    /** The data was handed to a third party, the record's recipient. */
    @JsonProperty("share") SHARE(4);

    private final int code;

    TraceKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind with this code, or null. */
    public static TraceKind fromCode(int code) {
        for (TraceKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
