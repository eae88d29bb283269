package org.fogledger.ledger.contract;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.crypto.Hash;

/**
 * Everything block {@code height} produced, in execution order, and the Merkle root over it that a later header
 * carries. Records {@code 0..transactionCount-1} answer the block's transactions one to one.
 */
public record BlockResults(long height, int transactionCount, List<ExecutionRecord> records, Hash resultsHash) {

    public BlockResults {
        records = List.copyOf(records);
        Objects.requireNonNull(resultsHash, "resultsHash");
    }

    public static BlockResults of(long height, int transactionCount, List<ExecutionRecord> records) {
        return new BlockResults(height, transactionCount, records, root(records));
    }

    /** The RFC 6962 root over the records' leaf hashes. */
    public static Hash root(List<ExecutionRecord> records) {
        return MerkleTree.root(records.stream().map(ExecutionRecord::hash).toList());
    }

    /** Proves that record {@code index} is part of {@link #resultsHash()}. */
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
