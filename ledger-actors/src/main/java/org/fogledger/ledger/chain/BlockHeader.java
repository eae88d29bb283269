package org.fogledger.ledger.chain;

import java.util.Objects;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The hashed part of a block. {@code executed} is the proposer's claim about its own execution: the highest block
 * it has executed and the hash of that block's results (see {@link ExecutedResults}), so replicas that executed the
 * same block differently diverge visibly.
 * {@code timestampMillis} is chosen by the proposer (validators may bound it); nothing here reads a clock.
 *
 * <p>Encoding (version 1): {@code 01 | kind BLOCK_HEADER | height:u64 | round:u64 | parentHash:32 |
 * transactionsRoot:32 | executedHeight:u64 | executedResultsHash:32 |
 * proposer:key | timestampMillis:u64}.
 */
public record BlockHeader(long height,
                          long round,
                          Hash parentHash,
                          Hash transactionsRoot,
                          ExecutedResults executed,
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
        Objects.requireNonNull(executed, "executed");
        // A proposer can only have executed committed blocks, all below the one it proposes; genesis claims the
        // chain's starting results at height 0.
        if (height > 0 ? executed.height() >= height : executed.height() != 0) {
            throw new IllegalArgumentException("block " + height + " cannot claim results of block "
                    + executed.height());
        }
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
        out.writeU64(executed.height());
        out.writeHash(executed.resultsHash());
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
        int executedAt = in.position();
        long executedHeight = in.readNonNegativeU64(field + ".executedHeight");
        Hash executedResultsHash = in.readHash(field + ".executedResultsHash");
        PublicKey proposer = in.readPublicKey(field + ".proposer");
        long timestampMillis = in.readU64(field + ".timestampMillis");
        if (height > 0 ? executedHeight >= height : executedHeight != 0) {
            throw new DecodingException(field + ".executedHeight", "block " + height
                    + " cannot claim results of block " + executedHeight, executedAt);
        }
        return new BlockHeader(height, round, parentHash, transactionsRoot,
                new ExecutedResults(executedHeight, executedResultsHash), proposer, timestampMillis);
    }
}
