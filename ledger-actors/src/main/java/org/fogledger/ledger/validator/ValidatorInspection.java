package org.fogledger.ledger.validator;

import java.util.List;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.mempool.SenderNonces;

/**
 * A validator's state as it runs, for operators and tests: how it recovered, where its chain ends, its safety state
 * and the replay guard its mempool applies. Answered locally only (not a wire message).
 *
 * @param committedHeight        the consensus core's committed height (its tip: {@code committedTip})
 * @param safety                 the core's safety state; may be ahead of the durable one (a certificate learnt
 *                               without a vote or timeout since is not written until one follows)
 * @param durableCommittedHeight the committed height the journal holds: what a restart comes back with
 * @param durableSafety          the safety state the journal holds: what a restart comes back with
 * @param usedNonces             the mempool's used-nonce table, ordered by sender
 * @param archivedHeight         the last height written to the committed-block store
 */
public record ValidatorInspection(RecoveryReport recovery, long committedHeight, Hash committedTip, SafetyState safety,
                                  long durableCommittedHeight, SafetyState durableSafety,
                                  List<SenderNonces> usedNonces, long lastSequenceNr, long archivedHeight) {

    public ValidatorInspection {
        usedNonces = List.copyOf(usedNonces);
    }
}
