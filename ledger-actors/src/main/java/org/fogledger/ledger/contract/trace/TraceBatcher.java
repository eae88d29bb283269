package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.crypto.Hash;

/**
 * A gateway's side of one trace stream: collects records in sequence order and seals them into batches of
 * {@code batchSize} records, or earlier on demand (a timer, a shutdown). It refuses a record that does not come
 * next in the stream, so the batches it seals always chain the way the trace contract checks: each starts where
 * the previous ended and names its root.
 *
 * <p>Plain state, one thread: the gateway actor owns it. After a restart, build it with the stream's next sequence
 * and last root as the contract reports them ({@code trace/<streamId>} query {@code state}).
 */
public final class TraceBatcher {
    private final String streamId;
    private final int batchSize;
    private final List<TraceRecord> pending = new ArrayList<>();
    private long nextSequence;
    private Hash previousRoot;

    public TraceBatcher(String streamId, int batchSize, long nextSequence, Hash previousRoot) {
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        ContractAddress.of(TraceContract.NAME, streamId);
        if (batchSize < 1 || batchSize > TraceContract.MAX_BATCH_RECORDS) {
            throw new IllegalArgumentException("batchSize must be in 1.." + TraceContract.MAX_BATCH_RECORDS
                    + ", got " + batchSize);
        }
        if (nextSequence < 0) {
            throw new IllegalArgumentException("nextSequence must be >= 0, got " + nextSequence);
        }
        this.batchSize = batchSize;
        this.nextSequence = nextSequence;
        this.previousRoot = Objects.requireNonNull(previousRoot, "previousRoot");
    }

    /** A batcher for a new stream: sequences from 0, no previous batch. */
    public static TraceBatcher forNewStream(String streamId, int batchSize) {
        return new TraceBatcher(streamId, batchSize, 0, Hash.ZERO);
    }

    /**
     * Adds the stream's next record; returns the sealed batch when this record fills it. A record of another
     * stream, or with any sequence other than {@link #nextSequence()}, is refused and changes nothing.
     */
    public Optional<TraceBatch> add(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (!record.streamId().equals(streamId)) {
            throw new IllegalArgumentException("record " + record.sequence() + " is for stream '"
                    + record.streamId() + "', this batcher serves '" + streamId + "'");
        }
        if (record.sequence() != nextSequence) {
            throw new IllegalArgumentException("stream '" + streamId + "' expects sequence " + nextSequence
                    + " next, got " + record.sequence() + (record.sequence() < nextSequence
                    ? " (already recorded)" : " (would leave a gap of " + (record.sequence() - nextSequence) + ")"));
        }
        pending.add(record);
        nextSequence++;
        return pending.size() >= batchSize ? seal() : Optional.empty();
    }

    /** Seals the pending records into a batch now; empty if there are none. */
    public Optional<TraceBatch> seal() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        TraceBatch batch = new TraceBatch(streamId, previousRoot, pending);
        pending.clear();
        previousRoot = batch.root();
        return Optional.of(batch);
    }

    public String streamId() {
        return streamId;
    }

    /** The sequence number the next record must carry. */
    public long nextSequence() {
        return nextSequence;
    }

    /** Records added since the last seal. */
    public int pending() {
        return pending.size();
    }

    /** The root the next sealed batch will link to. */
    public Hash previousRoot() {
        return previousRoot;
    }
}
