package org.fogledger.ledger.contract;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.codec.CanonicalWriter;
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
}
