package org.fogledger.ledger.contract;

import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * What the {@code index}-th execution of a block produced: a leaf of the block's results tree. {@code address} is
 * kept as written in the transaction, so a malformed address is recorded as given.
 *
 * <p>Encoding (version 1): {@code 01 | kind EXECUTION_RECORD | index:u32 | origin:32 | internal:u8 |
 * address:string | command:string | ok:u8 | code:string | data:bytes | eventsHash:32}. Decoding is strict (flags
 * only 0 or 1, no trailing byte), so a record has one encoding and its hash one preimage: proofs of a record
 * (contract.trace audit proofs) carry it encoded.
 */
public record ExecutionRecord(int index, Hash origin, boolean internal, String address, String command,
                              ContractResult result, Hash eventsHash) {

    public ExecutionRecord {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(eventsHash, "eventsHash");
    }

    public byte[] encode() {
        byte[] data = result.data();
        CanonicalWriter out = new CanonicalWriter(160 + data.length);
        out.writeHeader(Kind.EXECUTION_RECORD);
        out.writeU32(index);
        out.writeHash(origin);
        out.writeU8(internal ? 1 : 0);
        out.writeString(address);
        out.writeString(command);
        out.writeU8(result.ok() ? 1 : 0);
        out.writeString(result.code());
        out.writeBytes(data);
        out.writeHash(eventsHash);
        return out.toByteArray();
    }

    /** Decodes exactly one record; strings and data are bounded by {@code limits} as in a receipt. */
    public static ExecutionRecord decode(byte[] bytes, CodecLimits limits) {
        CanonicalReader in = new CanonicalReader(bytes);
        ExecutionRecord record = readFrom(in, limits, "executionRecord");
        in.expectEnd("executionRecord");
        return record;
    }

    /**
     * Reads what {@link #encode()} writes. Address, command and code are bounded by
     * {@link CodecLimits#maxStringBytes()}, the data by {@link CodecLimits#maxPayloadBytes()} (as a receipt's
     * result); errors name the field and the offset.
     */
    public static ExecutionRecord readFrom(CanonicalReader in, CodecLimits limits, String field) {
        in.readHeader(Kind.EXECUTION_RECORD, field);
        int index = in.readIntU32(field + ".index");
        Hash origin = in.readHash(field + ".origin");
        boolean internal = readFlag(in, field + ".internal");
        String address = in.readString(field + ".address", limits.maxStringBytes());
        String command = in.readString(field + ".command", limits.maxStringBytes());
        boolean ok = readFlag(in, field + ".ok");
        String code = in.readString(field + ".code", limits.maxStringBytes());
        byte[] data = in.readBytes(field + ".data", limits.maxPayloadBytes());
        Hash eventsHash = in.readHash(field + ".eventsHash");
        return new ExecutionRecord(index, origin, internal, address, command, new ContractResult(ok, code, data),
                eventsHash);
    }

    private static boolean readFlag(CanonicalReader in, String field) {
        int at = in.position();
        int flag = in.readU8(field);
        if (flag > 1) {
            throw new DecodingException(field, "flag must be 0 or 1, got " + flag, at);
        }
        return flag == 1;
    }

    /** The leaf hash: SHA-256(RESULTS prefix || encoding). */
    public Hash hash() {
        return Domain.RESULTS.hash(encode());
    }
}
