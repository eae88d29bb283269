package org.fogledger.ledger.contract;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * Everything block {@code height} produced, in execution order. Records {@code 0..transactionCount-1} answer the
 * block's transactions one to one.
 *
 * <p>{@code recordsRoot} is the RFC 6962 root over the records' leaf hashes. {@code resultsHash} chains it to the
 * results of every earlier block: {@code SHA-256(RESULTS prefix || 01 | kind RESULTS | height:u64 |
 * previousResultsHash:32 | recordsRoot:32)}, starting from genesis' claim. A header's claim about height c thus
 * commits to the results of every block up to c, so a record of block h <= c can be proven against it with the
 * records roots of blocks h+1..c, whichever height a proposer happened to claim.
 */
public record BlockResults(long height, int transactionCount, List<ExecutionRecord> records, Hash recordsRoot,
                           Hash previousResultsHash, Hash resultsHash) {
    /** The smallest encoded execution record: header, index, origin, flags, four empty strings, events hash. */
    private static final int MIN_RECORD_BYTES = 2 + 4 + 32 + 1 + 4 + 4 + 1 + 4 + 4 + 32;

    public BlockResults {
        records = List.copyOf(records);
        Objects.requireNonNull(recordsRoot, "recordsRoot");
        Objects.requireNonNull(previousResultsHash, "previousResultsHash");
        Objects.requireNonNull(resultsHash, "resultsHash");
    }

    public static BlockResults of(long height, int transactionCount, List<ExecutionRecord> records,
                                  Hash previousResultsHash) {
        Hash root = root(records);
        return new BlockResults(height, transactionCount, records, root, previousResultsHash,
                chain(height, previousResultsHash, root));
    }

    /** The RFC 6962 root over the records' leaf hashes. */
    public static Hash root(List<ExecutionRecord> records) {
        return MerkleTree.root(records.stream().map(ExecutionRecord::hash).toList());
    }

    /** The results hash of block {@code height} given the previous block's and this block's records root. */
    public static Hash chain(long height, Hash previousResultsHash, Hash recordsRoot) {
        CanonicalWriter out = new CanonicalWriter(80);
        out.writeHeader(Kind.RESULTS);
        out.writeU64(height);
        out.writeHash(previousResultsHash);
        out.writeHash(recordsRoot);
        return Domain.RESULTS.hash(out.toByteArray());
    }

    /** Proves that record {@code index} is part of {@link #recordsRoot()}. */
    public MerkleProof proof(int index) {
        return MerkleTree.proof(records.stream().map(ExecutionRecord::hash).toList(), index);
    }

    /** The record that answers the block's {@code index}-th transaction. */
    public ExecutionRecord forTransaction(int index) {
        if (index < 0 || index >= transactionCount) {
            throw new IndexOutOfBoundsException("block " + height + " has " + transactionCount
                    + " transactions, no index " + index);
        }
        return records.get(index);
    }

    /**
     * The stored and wire form (version 1): {@code 01 | kind BLOCK_RESULTS | height:u64 | transactionCount:u32 |
     * previousResultsHash:32 | recordCount:u32 | (length:u32 | executionRecord)*}. The records root and the results
     * hash are not written: decoding recomputes them, so bytes that were altered cannot keep a stored hash.
     */
    public byte[] encode() {
        List<byte[]> encoded = records.stream().map(ExecutionRecord::encode).toList();
        int size = 2 + 8 + 4 + 32 + 4;
        for (byte[] record : encoded) {
            size += 4 + record.length;
        }
        CanonicalWriter out = new CanonicalWriter(size);
        out.writeHeader(Kind.BLOCK_RESULTS);
        out.writeU64(height);
        out.writeU32(transactionCount);
        out.writeHash(previousResultsHash);
        out.writeU32(encoded.size());
        for (byte[] record : encoded) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    /**
     * Decodes exactly one {@link #encode()}d value of at most {@code maxBytes}; each record within {@code limits};
     * errors name the field and the offset.
     */
    public static BlockResults decode(byte[] bytes, CodecLimits limits, int maxBytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.requireTotalAtMost("blockResults", maxBytes);
        in.readHeader(Kind.BLOCK_RESULTS, "blockResults");
        long height = in.readNonNegativeU64("blockResults.height");
        int at = in.position();
        int transactionCount = in.readIntU32("blockResults.transactionCount");
        Hash previous = in.readHash("blockResults.previousResultsHash");
        int count = in.readCount("blockResults.records", Integer.MAX_VALUE, 4 + MIN_RECORD_BYTES);
        if (transactionCount > count) {
            throw new DecodingException("blockResults.transactionCount", transactionCount
                    + " transactions but only " + count + " records", at);
        }
        java.util.ArrayList<ExecutionRecord> records = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String field = "blockResults.records[" + i + "]";
            int length = in.readLength(field + ".length", maxBytes, 0);
            CanonicalReader recordIn = in.slice(field, length);
            records.add(ExecutionRecord.readFrom(recordIn, limits, field));
            recordIn.expectEnd(field);
        }
        in.expectEnd("blockResults");
        return of(height, transactionCount, records, previous);
    }
}
