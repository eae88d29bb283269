package org.fogledger.ledger.contract.trace;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One act on personal data, as a gateway records it: {@code actor} did {@code kind} to {@code data} for
 * {@code purpose} (under consent {@code consentId}, if one applies), handing it to {@code recipient} when the act
 * is a share. Records of one gateway stream are numbered without gaps by {@code sequence}, so a missing record is
 * visible; {@code timeMillis} is the gateway's clock and proves nothing by itself (the anchor's block time bounds
 * it from above).
 *
 * <p>A share names its recipient; the other kinds have none. The stream id is a contract instance key, so
 * {@code trace/<streamId>} is always a valid address.
 *
 * <p>Encoding (version 1): {@code 01 | 64 (Kind.TRACE_RECORD) | kind:u8 | deviceId:string | dataClass:string |
 * contentHash:32 | actor:key | hasRecipient:u8 (0|1) | [recipient:key] | purpose:string | hasConsent:u8 (0|1) |
 * [consentId:string] | streamId:string | sequence:u64 | timeMillis:u64}. The leaf hash is SHA-256 of
 * {@code FOGLEDGER/v1/trace-record\0 || encoding}.
 *
 * @param recipient null unless {@code kind} is {@link TraceKind#SHARE}
 * @param consentId null when no consent applies (e.g. data the law lets a party process without one)
 */
public record TraceRecord(TraceKind kind, DataReference data, PublicKey actor, PublicKey recipient, String purpose,
                          String consentId, String streamId, long sequence, long timeMillis) {
    public static final int MAX_PURPOSE_BYTES = 256;
    public static final int MAX_CONSENT_ID_BYTES = 128;
    public static final int MAX_STREAM_ID_BYTES = ContractAddress.MAX_INSTANCE_LENGTH;
    /** Whole encoding: the strings at their limits, two ML-DSA keys, and the fixed fields fit. */
    public static final int MAX_ENCODED_BYTES = 8 * 1024;

    public TraceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(actor, "actor");
        if (kind == TraceKind.SHARE && recipient == null) {
            throw new IllegalArgumentException("a share record must name its recipient");
        }
        if (kind != TraceKind.SHARE && recipient != null) {
            throw new IllegalArgumentException("only a share record has a recipient, this is a " + kind + " record");
        }
        requireText("purpose", purpose, MAX_PURPOSE_BYTES);
        if (consentId != null) {
            requireText("consentId", consentId, MAX_CONSENT_ID_BYTES);
        }
        Objects.requireNonNull(streamId, "streamId");
        try {
            ContractAddress.of(TraceContract.NAME, streamId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("streamId: " + e.getMessage());
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        if (timeMillis < 0) {
            throw new IllegalArgumentException("timeMillis must be >= 0, got " + timeMillis);
        }
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(256);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.TRACE_RECORD);
        out.writeU8(kind.code());
        out.writeString(data.deviceId());
        out.writeString(data.dataClass());
        out.writeHash(data.contentHash());
        out.writePublicKey(actor);
        out.writeU8(recipient == null ? 0 : 1);
        if (recipient != null) {
            out.writePublicKey(recipient);
        }
        out.writeString(purpose);
        out.writeU8(consentId == null ? 0 : 1);
        if (consentId != null) {
            out.writeString(consentId);
        }
        out.writeString(streamId);
        out.writeU64(sequence);
        out.writeU64(timeMillis);
    }

    /** The hash a batch's Merkle tree takes as this record's leaf. */
    public Hash leafHash() {
        return Domain.TRACE_RECORD.hash(encode());
    }

    /** Decodes exactly one record; the whole input must be its one canonical encoding. */
    public static TraceRecord decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.requireTotalAtMost("traceRecord", MAX_ENCODED_BYTES);
        TraceRecord record = readFrom(in, "traceRecord");
        in.expectEnd("traceRecord");
        return record;
    }

    public static TraceRecord readFrom(CanonicalReader in, String field) {
        int start = in.position();
        in.readHeader(Kind.TRACE_RECORD, field);
        int at = in.position();
        int code = in.readU8(field + ".kind");
        TraceKind kind = TraceKind.fromCode(code);
        if (kind == null) {
            throw new DecodingException(field + ".kind", "unknown trace kind " + code, at);
        }
        String deviceId = in.readString(field + ".data.deviceId", DataReference.MAX_DEVICE_ID_BYTES);
        String dataClass = in.readString(field + ".data.dataClass", DataReference.MAX_DATA_CLASS_BYTES);
        Hash contentHash = in.readHash(field + ".data.contentHash");
        PublicKey actor = in.readPublicKey(field + ".actor");
        PublicKey recipient = readFlag(in, field + ".hasRecipient") ? in.readPublicKey(field + ".recipient") : null;
        String purpose = in.readString(field + ".purpose", MAX_PURPOSE_BYTES);
        String consentId = readFlag(in, field + ".hasConsent")
                ? in.readString(field + ".consentId", MAX_CONSENT_ID_BYTES) : null;
        String streamId = in.readString(field + ".streamId", MAX_STREAM_ID_BYTES);
        long sequence = in.readNonNegativeU64(field + ".sequence");
        long timeMillis = in.readNonNegativeU64(field + ".timeMillis");
        try {
            return new TraceRecord(kind, new DataReference(deviceId, dataClass, contentHash), actor, recipient,
                    purpose, consentId, streamId, sequence, timeMillis);
        } catch (IllegalArgumentException e) {
            // Well-formed bytes that break a rule of the record (a share without recipient, an empty purpose).
            throw new DecodingException(field, e.getMessage(), start);
        }
    }

    private static boolean readFlag(CanonicalReader in, String field) {
        int at = in.position();
        int flag = in.readU8(field);
        if (flag > 1) {
            throw new DecodingException(field, "flag must be 0 or 1, got " + flag, at);
        }
        return flag == 1;
    }

    /**
     * Non-empty, at most {@code limitBytes} of UTF-8, and encodable (no unpaired surrogate), so every record that
     * can be built can be encoded and decoded back.
     */
    static void requireText(String field, String value, int limitBytes) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        int length;
        try {
            length = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value)).remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode (unpaired surrogate)");
        }
        if (length > limitBytes) {
            throw new IllegalArgumentException(field + " is " + length + " bytes of UTF-8, the limit is "
                    + limitBytes);
        }
    }
}
