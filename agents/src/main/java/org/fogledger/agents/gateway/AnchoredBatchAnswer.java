package org.fogledger.agents.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.wire.WireMessage;

/** A gateway's answer to {@link Gateway.FindAnchoredBatch}: the batch holding the record, or why there is none. */
public sealed interface AnchoredBatchAnswer extends WireMessage {

    /** The record is in the trail but its batch is not anchored yet (pending, sealed, or its anchor in flight). */
    String NOT_ANCHORED_YET = "not-anchored-yet";
    /** The stream has no record with this sequence number yet. */
    String OUT_OF_RANGE = "sequence-out-of-range";
    /** The record's batch was anchored but this gateway does not keep it (anchored before it kept batches). */
    String NOT_KEPT = "not-kept";
    /** The gateway's batch store failed or holds a corrupt file (the reason names it). */
    String TRAIL_UNAVAILABLE = "trail-unavailable";

    /**
     * The anchored batch holding the record: the records in their canonical encoding (decoded by
     * {@link #anchored()} with the same strict decoder as everywhere), the anchor transaction, the committing
     * block's height and hash.
     */
    record Found(String streamId, Hash previousRoot, List<byte[]> records, Transaction anchorTransaction,
                 long height, Hash blockHash) implements AnchoredBatchAnswer {
        public Found {
            Objects.requireNonNull(streamId, "streamId");
            records = List.copyOf(records);
        }

        static Found of(AnchoredBatch anchored) {
            TraceBatch batch = anchored.batch();
            return new Found(batch.streamId(), batch.previousRoot(),
                    batch.records().stream().map(TraceRecord::encode).toList(), anchored.anchorTransaction(),
                    anchored.height(), anchored.blockHash());
        }

        /** The batch, decoded and checked (the transaction must anchor exactly these records). */
        public AnchoredBatch anchored() {
            List<TraceRecord> decoded = new ArrayList<>(records.size());
            for (byte[] record : records) {
                decoded.add(TraceRecord.decode(record));
            }
            return new AnchoredBatch(new TraceBatch(streamId, previousRoot, decoded), anchorTransaction, height,
                    blockHash);
        }

        @Override
        public String toString() {
            return "Found[" + streamId + " " + records.size() + " records, anchor "
                    + (anchorTransaction == null ? null : anchorTransaction.hash().shortHex()) + " at height "
                    + height + "]";
        }
    }

    /** No batch: one of the codes above and a reason naming the sequence numbers. */
    record Missing(String code, String reason) implements AnchoredBatchAnswer {
    }

}
