package org.fogledger.ledger.validator;

import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.crypto.Hash;

/**
 * How a validator's last start recovered: from which snapshot, how many events it replayed, and what it came back
 * with (before the consensus core acted on anything).
 *
 * @param snapshotSequenceNr the journal position of the snapshot it started from, or -1 if none (whole journal)
 * @param eventsReplayed     events replayed after the snapshot: what snapshots bound
 * @param lastSequenceNr     the journal's position after recovery
 */
public record RecoveryReport(long snapshotSequenceNr, long eventsReplayed, long lastSequenceNr, long committedHeight,
                             Hash committedTip, SafetyState safety, long durationMillis) {

    public boolean fromSnapshot() {
        return snapshotSequenceNr >= 0;
    }
}
