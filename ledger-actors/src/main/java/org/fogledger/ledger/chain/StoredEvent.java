package org.fogledger.ledger.chain;

import java.util.Arrays;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * The envelope in which a contract's event is persisted: the event's {@code kind} and schema {@code version}
 * travel with its bytes, so a journal written today can be read (or migrated) by tomorrow's code, which never
 * depends on a serializer's own compatibility.
 *
 * <p>Encoding (version 1): {@code 01 | kind STORED_EVENT | kind:string | version:u32 | payload:bytes}; the
 * payload is bounded by {@link CodecLimits#maxPayloadBytes()}.
 */
public record StoredEvent(String kind, int version, byte[] payload) {

    public StoredEvent {
        Objects.requireNonNull(kind, "kind");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** SHA-256(STORED_EVENT prefix || encoding). */
    public Hash hash() {
        return Domain.STORED_EVENT.hash(encode());
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(16 + kind.length() * 3 + payload.length);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.STORED_EVENT);
        out.writeString(kind);
        out.writeU32(version);
        out.writeBytes(payload);
    }

    public static StoredEvent decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        StoredEvent event = readFrom(in, limits, "storedEvent");
        in.expectEnd("storedEvent");
        return event;
    }

    public static StoredEvent readFrom(CanonicalReader in, CodecLimits limits, String field) {
        in.readHeader(Kind.STORED_EVENT, field);
        String kind = in.readString(field + ".kind", limits.maxStringBytes());
        int version = in.readIntU32(field + ".version");
        byte[] payload = in.readBytes(field + ".payload", limits.maxPayloadBytes());
        return new StoredEvent(kind, version, payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvent that
                && version == that.version
                && kind.equals(that.kind)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + version) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StoredEvent[" + kind + " v" + version + " " + payload.length + " bytes]";
    }
}
