package org.fogledger.ledger.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Reads what {@link CanonicalWriter} wrote, strictly: every read checks the bytes remaining, every length is
 * checked against a limit before anything is allocated, unknown versions, kinds and scheme tags are refused, UTF-8
 * must be well formed, and {@link #expectEnd(String)} refuses trailing bytes. A successful decode therefore means
 * the input is the one canonical encoding of the value, so re-encoding gives back the same bytes (and hash).
 *
 * <p>Every failure is a {@link DecodingException} naming the field and the absolute offset where it starts.
 */
public final class CanonicalReader {
    private final byte[] data;
    private final int end;
    private int position;

    /** Reads the whole array. The array is not copied: the caller must not change it while reading. */
    public CanonicalReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code data[offset, offset+length)}; offsets in error messages stay absolute in {@code data}. */
    public CanonicalReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    /** The absolute offset of the next byte to read. */
    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    /**
     * Checks the version byte and that the kind byte is {@code expected}. {@code field} names the value being
     * decoded, e.g. {@code "transaction"}.
     */
    public void readHeader(Kind expected, String field) {
        int at = position;
        int version = readU8(field + ".version");
        if (version != CanonicalWriter.VERSION) {
            throw new DecodingException(field + ".version",
                    "unknown format version " + version + " (this node reads version " + CanonicalWriter.VERSION + ")",
                    at);
        }
        at = position;
        int code = readU8(field + ".kind");
        Kind kind = Kind.fromCode(code);
        if (kind == null) {
            throw new DecodingException(field + ".kind", "unknown kind " + code, at);
        }
        if (kind != expected) {
            throw new DecodingException(field + ".kind", "expected " + expected + " but found " + kind, at);
        }
    }

    public int readU8(String field) {
        require(field, 1);
        return data[position++] & 0xff;
    }

    /** An unsigned 32-bit value, 0..2^32-1. */
    public long readU32(String field) {
        require(field, 4);
        long value = (data[position] & 0xffL) << 24 | (data[position + 1] & 0xffL) << 16
                | (data[position + 2] & 0xffL) << 8 | (data[position + 3] & 0xffL);
        position += 4;
        return value;
    }

    /** A u32 that must fit a non-negative int (indexes, versions). */
    public int readIntU32(String field) {
        int at = position;
        long value = readU32(field);
        if (value > Integer.MAX_VALUE) {
            throw new DecodingException(field, "value " + value + " exceeds " + Integer.MAX_VALUE, at);
        }
        return (int) value;
    }

    /** The 64 bits as a Java long (two's complement). */
    public long readU64(String field) {
        require(field, 8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (data[position + i] & 0xffL);
        }
        position += 8;
        return value;
    }

    /** A u64 that must be a non-negative long (heights, rounds, nonces). */
    public long readNonNegativeU64(String field) {
        int at = position;
        long value = readU64(field);
        if (value < 0) {
            throw new DecodingException(field, "value " + Long.toUnsignedString(value) + " exceeds "
                    + Long.MAX_VALUE, at);
        }
        return value;
    }

    /**
     * A u32 length or count, checked against {@code limit} and against the bytes remaining (when every element
     * takes at least {@code minElementBytes}), before the caller allocates anything for it.
     */
    public int readLength(String field, int limit, int minElementBytes) {
        int at = position;
        long length = readU32(field);
        if (length > limit) {
            throw new DecodingException(field, "length " + length + " exceeds limit " + limit, at);
        }
        if (minElementBytes > 0 && length * minElementBytes > remaining()) {
            throw new DecodingException(field, "length " + length + " needs at least "
                    + length * minElementBytes + " bytes but " + remaining() + " remain", at);
        }
        return (int) length;
    }

    /** A u32 count of list elements, each at least {@code minElementBytes} long. */
    public int readCount(String field, int limit, int minElementBytes) {
        return readLength(field, limit, Math.max(1, minElementBytes));
    }

    /** A length-prefixed byte string of at most {@code limit} bytes. */
    public byte[] readBytes(String field, int limit) {
        int length = readLength(field, limit, 1);
        return readFixed(field, length);
    }

    /** Exactly {@code length} bytes, no prefix. */
    public byte[] readFixed(String field, int length) {
        require(field, length);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /** A length-prefixed, well-formed UTF-8 string of at most {@code limitBytes} bytes. */
    public String readString(String field, int limitBytes) {
        int at = position;
        int length = readLength(field, limitBytes, 1);
        require(field, length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new DecodingException(field, "invalid UTF-8", at);
        }
    }

    public Hash readHash(String field) {
        return Hash.of(readFixed(field, Hash.LENGTH));
    }

    public SignatureScheme readScheme(String field) {
        int at = position;
        int tag = readU8(field);
        for (SignatureScheme scheme : SignatureScheme.values()) {
            if (scheme.tag() == tag) {
                return scheme;
            }
        }
        throw new DecodingException(field, "unknown signature scheme tag " + tag, at);
    }

    /** Scheme tag, then a raw key of the scheme's length. */
    public PublicKey readPublicKey(String field) {
        SignatureScheme scheme = readScheme(field + ".scheme");
        return PublicKey.of(scheme, readFixed(field, scheme.publicKeyLength()));
    }

    /** Scheme tag, then a raw signature of the scheme's length. */
    public Signature readSignature(String field) {
        SignatureScheme scheme = readScheme(field + ".scheme");
        return Signature.of(scheme, readFixed(field, scheme.signatureLength()));
    }

    /**
     * A reader over the next {@code length} bytes, for a nested length-prefixed value; this reader moves past
     * them. Offsets reported by the slice stay absolute.
     */
    public CanonicalReader slice(String field, int length) {
        require(field, length);
        CanonicalReader slice = new CanonicalReader(data, position, length);
        position += length;
        return slice;
    }

    /** Refuses trailing bytes: a canonical encoding has exactly one length. */
    public void expectEnd(String field) {
        if (position != end) {
            throw new DecodingException(field, (end - position) + " trailing byte(s) after the end", position);
        }
    }

    /** Fails unless {@code length} more bytes remain. */
    public void require(String field, int length) {
        if (length < 0 || length > end - position) {
            throw new DecodingException(field, "needs " + length + " byte(s) but " + (end - position)
                    + " remain", position);
        }
    }

    /** Fails when the whole input is larger than {@code limit}, before any of it is read. */
    public void requireTotalAtMost(String field, int limit) {
        if (remaining() > limit) {
            throw new DecodingException(field, "length " + remaining() + " exceeds limit " + limit, position);
        }
    }
}
