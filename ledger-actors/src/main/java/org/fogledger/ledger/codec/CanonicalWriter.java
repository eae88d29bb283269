package org.fogledger.ledger.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * Builds a canonical encoding: fixed-width big-endian integers, byte strings and lists prefixed with a u32 length
 * or count, strings as UTF-8 with a u32 length, keys and signatures as {@code scheme tag || raw} (the raw length
 * follows from the tag). Fixed widths rather than varints: there is exactly one way to write each value, so the
 * canonical form needs no minimality rule, and the few bytes lost do not matter next to 64-byte signatures.
 *
 * <p>Every encoding starts with {@link #writeHeader(Kind)}: the format version, then the kind.
 */
public final class CanonicalWriter {
    /** The only format version so far: the first byte of every encoding. */
    public static final int VERSION = 1;

    private byte[] buffer;
    private int size;

    public CanonicalWriter() {
        this(128);
    }

    public CanonicalWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Version byte then kind byte. */
    public CanonicalWriter writeHeader(Kind kind) {
        writeU8(VERSION);
        return writeU8(kind.code());
    }

    public CanonicalWriter writeU8(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Four bytes big-endian; the value must be in 0..2^32-1 (an int argument must be non-negative). */
    public CanonicalWriter writeU32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Eight bytes big-endian, the two's-complement bits of the value. */
    public CanonicalWriter writeU64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A u32 length, then the bytes. */
    public CanonicalWriter writeBytes(byte[] bytes) {
        writeU32(bytes.length);
        return writeFixed(bytes);
    }

    /** The bytes as they are, without a length: for values whose length the reader already knows. */
    public CanonicalWriter writeFixed(byte[] bytes) {
        return writeFixed(bytes, 0, bytes.length);
    }

    public CanonicalWriter writeFixed(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    /**
     * A u32 byte length, then strict UTF-8. A string with an unpaired surrogate has no UTF-8 form; rather than let
     * the JDK write a replacement character (and so sign something other than what the caller holds), refuse it.
     */
    public CanonicalWriter writeString(String value) {
        byte[] utf8;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            utf8 = Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.position(),
                    encoded.arrayOffset() + encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate)", e);
        }
        return writeBytes(utf8);
    }

    /** The 32 digest bytes, no length. */
    public CanonicalWriter writeHash(Hash hash) {
        ensure(Hash.LENGTH);
        hash.copyTo(buffer, size);
        size += Hash.LENGTH;
        return this;
    }

    /** Scheme tag, then the raw key. */
    public CanonicalWriter writePublicKey(PublicKey key) {
        writeU8(key.scheme().tag());
        return writeFixed(key.raw());
    }

    /** Scheme tag, then the raw signature. */
    public CanonicalWriter writeSignature(Signature signature) {
        writeU8(signature.scheme().tag());
        return writeFixed(signature.raw());
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("encoding exceeds 2 GiB");
        }
        if (needed > buffer.length) {
            int grown = Math.max(needed, buffer.length < (1 << 29) ? buffer.length * 2 : Integer.MAX_VALUE - 8);
            buffer = Arrays.copyOf(buffer, grown);
        }
    }
}
