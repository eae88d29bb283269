package org.fogledger.ledger.contract;

import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * What the {@code index}-th execution of a block produced: a leaf of the block's results tree. {@code address} is
 * kept as written in the transaction, so a malformed address is recorded as given.
 *
 * <p>Encoding (version 1): {@code 01 | kind EXECUTION_RECORD | index:u32 | origin:32 | internal:u8 |
 * address:string | command:string | ok:u8 | code:string | data:bytes | eventsHash:32}.
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

    /** The leaf hash: SHA-256(RESULTS prefix || encoding). */
    public Hash hash() {
        return Domain.RESULTS.hash(encode());
    }
}
