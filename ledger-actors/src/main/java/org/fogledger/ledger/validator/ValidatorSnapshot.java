package org.fogledger.ledger.validator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.mempool.SenderNonces;

/**
 * A validator's durable state at one point of its journal, as an immutable value: what Pekko stores as a snapshot
 * (the live {@link ValidatorState} is mutable, and the snapshot store serializes on another thread, so it is never
 * handed over itself). Recovery starts from the latest snapshot and replays only the events after it.
 *
 * <p>Everything a restart needs, and nothing that grows with the chain: the safety state (highest voted round,
 * lock, high certificate), the window of most recent committed blocks with their certificates (its last block is
 * the committed tip; the consensus core's window, at most {@code retainedCommittedBlocks}), the blocks stored but
 * not final, and the used-nonce table (one entry per sender). Older committed blocks live in the committed-block
 * store, not here.
 *
 * @param committedWindow oldest first, consecutive heights, each block's parent the one before; never empty
 * @param usedNonces      ordered by sender, as {@link org.fogledger.ledger.mempool.UsedNonceTable#export()} gives
 */
public record ValidatorSnapshot(SafetyState safety, List<CommittedBlock> committedWindow,
                                List<ChainedBlock> uncommittedBlocks, List<SenderNonces> usedNonces) {

    public ValidatorSnapshot {
        Objects.requireNonNull(safety, "safety");
        committedWindow = List.copyOf(committedWindow);
        uncommittedBlocks = List.copyOf(uncommittedBlocks);
        usedNonces = List.copyOf(usedNonces);
        if (committedWindow.isEmpty()) {
            throw new IllegalArgumentException("a snapshot holds at least the committed tip");
        }
        for (int i = 1; i < committedWindow.size(); i++) {
            CommittedBlock previous = committedWindow.get(i - 1);
            CommittedBlock block = committedWindow.get(i);
            if (block.height() != previous.height() + 1
                    || !block.block().parentHash().equals(previous.block().hash())) {
                throw new IllegalArgumentException("committed window breaks at height " + block.height()
                        + ": it does not follow height " + previous.height());
            }
        }
        for (int i = 1; i < usedNonces.size(); i++) {
            // One order only, so equal states give equal snapshots (and equal bytes).
            if (Arrays.compareUnsigned(usedNonces.get(i - 1).sender().encoded(), usedNonces.get(i).sender().encoded())
                    >= 0) {
                throw new IllegalArgumentException("used nonces are not ordered by sender at index " + i);
            }
        }
    }

    public CommittedBlock committedTip() {
        return committedWindow.get(committedWindow.size() - 1);
    }

    public long committedHeight() {
        return committedTip().height();
    }
}
