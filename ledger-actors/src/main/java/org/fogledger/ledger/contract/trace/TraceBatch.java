package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * A sealed run of consecutive records of one stream: what a gateway anchors with one transaction. The root is the
 * RFC 6962 Merkle root over the records' leaf hashes ({@link TraceRecord#leafHash()}), in sequence order, so the
 * record with sequence {@code s} is leaf {@code s - firstSequence}.
 */
public final class TraceBatch {
    private final String streamId;
    private final Hash previousRoot;
    private final List<TraceRecord> records;
    private final List<Hash> leaves;
    private final Hash root;

    /**
     * @param previousRoot the root of the stream's previous batch, {@link Hash#ZERO} for its first
     * @param records      at least one, all of {@code streamId}, with consecutive sequence numbers
     */
    public TraceBatch(String streamId, Hash previousRoot, List<TraceRecord> records) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.previousRoot = Objects.requireNonNull(previousRoot, "previousRoot");
        this.records = List.copyOf(records);
        if (this.records.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one record");
        }
        if (this.records.size() > TraceContract.MAX_BATCH_RECORDS) {
            throw new IllegalArgumentException("a batch holds at most " + TraceContract.MAX_BATCH_RECORDS
                    + " records, got " + this.records.size());
        }
        long expected = this.records.get(0).sequence();
        List<Hash> hashes = new ArrayList<>(this.records.size());
        for (TraceRecord record : this.records) {
            if (!record.streamId().equals(streamId)) {
                throw new IllegalArgumentException("record " + record.sequence() + " belongs to stream '"
                        + record.streamId() + "', not '" + streamId + "'");
            }
            if (record.sequence() != expected) {
                throw new IllegalArgumentException("records must have consecutive sequence numbers: expected "
                        + expected + ", got " + record.sequence());
            }
            expected++;
            hashes.add(record.leafHash());
        }
        this.leaves = List.copyOf(hashes);
        this.root = MerkleTree.root(leaves);
    }

    public String streamId() {
        return streamId;
    }

    public long firstSequence() {
        return records.get(0).sequence();
    }

    public long lastSequence() {
        return records.get(records.size() - 1).sequence();
    }

    public int count() {
        return records.size();
    }

    public Hash previousRoot() {
        return previousRoot;
    }

    public Hash root() {
        return root;
    }

    public List<TraceRecord> records() {
        return records;
    }

    public boolean contains(long sequence) {
        return sequence >= firstSequence() && sequence <= lastSequence();
    }

    public TraceRecord record(long sequence) {
        return records.get(index(sequence));
    }

    /** The inclusion proof of record {@code sequence} against {@link #root()}. */
    public MerkleProof proof(long sequence) {
        return MerkleTree.proof(leaves, index(sequence));
    }

    /** The payload that anchors this batch. */
    public AnchorCommand anchorCommand() {
        return new AnchorCommand(root, firstSequence(), lastSequence(), count(), previousRoot);
    }

    /** The stream's contract address, {@code trace/<streamId>}. */
    public ContractAddress address() {
        return ContractAddress.of(TraceContract.NAME, streamId);
    }

    /** The gateway's signed transaction anchoring this batch. */
    public Transaction anchorTransaction(KeyPair gateway, String chainId, long nonce) {
        return Transaction.sign(gateway, chainId, nonce, address().toString(), TraceContract.ANCHOR,
                ContractJson.write(anchorCommand()));
    }

    private int index(long sequence) {
        if (!contains(sequence)) {
            throw new IllegalArgumentException("sequence " + sequence + " is not in the batch " + firstSequence()
                    + ".." + lastSequence() + " of stream '" + streamId + "'");
        }
        return (int) (sequence - firstSequence());
    }

    @Override
    public String toString() {
        return "TraceBatch[" + streamId + " " + firstSequence() + ".." + lastSequence() + " root=" + root.shortHex()
                + "]";
    }
}
