package org.fogledger.ledger.chain;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * What executing transaction {@code txHash}, the {@code index}-th of block {@code height}, produced. A client that
 * trusts no single node compares receipts from f+1 validators, so receipts are canonical and hashable.
 *
 * <p>Encoding (version 1): {@code 01 | kind RECEIPT | txHash:32 | height:u64 | index:u32 | status:u8 |
 * resultCode:string | result:bytes}; {@code result} is bounded by {@link CodecLimits#maxPayloadBytes()}.
 */
public record Receipt(Hash txHash, long height, int index, ReceiptStatus status, String resultCode, byte[] result) {

    public Receipt {
        Objects.requireNonNull(txHash, "txHash");
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0, got " + height);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resultCode, "resultCode");
        result = Objects.requireNonNull(result, "result").clone();
    }

    /** A copy of the result bytes. */
    @Override
    public byte[] result() {
        return result.clone();
    }

    public boolean isOk() {
        return status == ReceiptStatus.COMMITTED_OK;
    }

    /** SHA-256(RECEIPT prefix || encoding). */
    public Hash hash() {
        return Domain.RECEIPT.hash(encode());
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(96 + result.length);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.RECEIPT);
        out.writeHash(txHash);
        out.writeU64(height);
        out.writeU32(index);
        out.writeU8(status.code());
        out.writeString(resultCode);
        out.writeBytes(result);
    }

    public static Receipt decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        Receipt receipt = readFrom(in, limits, "receipt");
        in.expectEnd("receipt");
        return receipt;
    }

    public static Receipt readFrom(CanonicalReader in, CodecLimits limits, String field) {
        in.readHeader(Kind.RECEIPT, field);
        Hash txHash = in.readHash(field + ".txHash");
        long height = in.readNonNegativeU64(field + ".height");
        int index = in.readIntU32(field + ".index");
        int at = in.position();
        int code = in.readU8(field + ".status");
        ReceiptStatus status = ReceiptStatus.fromCode(code);
        if (status == null) {
            throw new DecodingException(field + ".status", "unknown status " + code, at);
        }
        String resultCode = in.readString(field + ".resultCode", limits.maxStringBytes());
        byte[] result = in.readBytes(field + ".result", limits.maxPayloadBytes());
        return new Receipt(txHash, height, index, status, resultCode, result);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Receipt that
                && height == that.height
                && index == that.index
                && txHash.equals(that.txHash)
                && status == that.status
                && resultCode.equals(that.resultCode)
                && Arrays.equals(result, that.result);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txHash, height, index, status, resultCode) * 31 + Arrays.hashCode(result);
    }

    @Override
    public String toString() {
        return "Receipt[tx=" + txHash.shortHex() + " height=" + height + " index=" + index + " " + status + " "
                + resultCode + " result=" + HexFormat.of().formatHex(result, 0, Math.min(16, result.length))
                + (result.length > 16 ? "..." : "") + "]";
    }
}
