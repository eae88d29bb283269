package org.fogledger.ledger.chain;

import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The hashed part of a block. {@code previousResultsHash} is the hash of the execution results of block
 * {@code height - 1}, so replicas that executed the same block differently diverge visibly one block later.
 * {@code timestampMillis} is chosen by the proposer (validators may bound it); nothing here reads a clock.
 *
 * <p>Encoding (version 1): {@code 01 | kind BLOCK_HEADER | height:u64 | round:u64 | parentHash:32 |
 * transactionsRoot:32 | previousResultsHash:32 | proposer:key | timestampMillis:u64}.
 */
public record BlockHeader(long height,
                          long round,
                          Hash parentHash,
                          Hash transactionsRoot,
                          Hash previousResultsHash,
                          PublicKey proposer,
                          long timestampMillis) {

    public BlockHeader {
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0, got " + height);
        }
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(transactionsRoot, "transactionsRoot");
        Objects.requireNonNull(previousResultsHash, "previousResultsHash");
        Objects.requireNonNull(proposer, "proposer");
    }

    /** The block id: SHA-256(BLOCK_HEADER prefix || encoding). */
    public Hash hash() {
        return Domain.BLOCK_HEADER.hash(encode());
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(160);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.BLOCK_HEADER);
        out.writeU64(height);
        out.writeU64(round);
        out.writeHash(parentHash);
        out.writeHash(transactionsRoot);
        out.writeHash(previousResultsHash);
        out.writePublicKey(proposer);
        out.writeU64(timestampMillis);
    }

    /** Decodes exactly one header. A header has no variable-length field, so it needs no limits. */
    public static BlockHeader decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        BlockHeader header = readFrom(in, "blockHeader");
        in.expectEnd("blockHeader");
        return header;
    }

    public static BlockHeader readFrom(CanonicalReader in, String field) {
        in.readHeader(Kind.BLOCK_HEADER, field);
        long height = in.readNonNegativeU64(field + ".height");
        long round = in.readNonNegativeU64(field + ".round");
        Hash parentHash = in.readHash(field + ".parentHash");
        Hash transactionsRoot = in.readHash(field + ".transactionsRoot");
        Hash previousResultsHash = in.readHash(field + ".previousResultsHash");
        PublicKey proposer = in.readPublicKey(field + ".proposer");
        long timestampMillis = in.readU64(field + ".timestampMillis");
        return new BlockHeader(height, round, parentHash, transactionsRoot, previousResultsHash, proposer,
                timestampMillis);
    }
}
