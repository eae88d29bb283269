package org.fogledger.ledger.contract.trace;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/**
 * Which data a trace record is about, without the data itself: the device that produced it, its class (e.g.
 * {@code heart-rate}, {@code location}) and the SHA-256 of its content, so whoever holds the data can show it is the
 * data the record names, and the trail itself reveals nothing of it.
 */
public record DataReference(String deviceId, String dataClass, Hash contentHash) {
    public static final int MAX_DEVICE_ID_BYTES = 128;
    public static final int MAX_DATA_CLASS_BYTES = 64;

    public DataReference {
        TraceRecord.requireText("deviceId", deviceId, MAX_DEVICE_ID_BYTES);
        TraceRecord.requireText("dataClass", dataClass, MAX_DATA_CLASS_BYTES);
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
