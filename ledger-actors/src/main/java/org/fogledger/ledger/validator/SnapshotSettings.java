package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * When a validator snapshots its state, and what it lets go afterwards (block {@code fogledger.validator.snapshots}
 * of the node's configuration; see reference.conf).
 *
 * <p>Pekko counts journal events, not blocks: a snapshot is taken every {@link #eventsBetweenSnapshots()} =
 * {@value #JOURNAL_EVENTS_PER_COMMITTED_BLOCK} x {@code everyCommittedBlocks} events, which is about
 * {@code everyCommittedBlocks} committed blocks while rounds succeed (per block: the block stored, the safety state
 * of the vote, the commit) and fewer when rounds time out, since timeouts write events too. Counting events is
 * what bounds recovery: a restart replays at most that many events after the latest snapshot, whatever happened.
 *
 * @param everyCommittedBlocks about how many committed blocks between snapshots; 0 disables snapshots (recovery then
 *                             replays the whole journal, and nothing is deleted)
 * @param keep                 snapshots kept; events older than the oldest kept one are deleted if
 *                             {@code deleteEvents}
 * @param deleteEvents         delete events older than the kept snapshots: safe, since committed blocks are in the
 *                             committed-block store before their commit is journaled
 */
public record SnapshotSettings(int everyCommittedBlocks, int keep, boolean deleteEvents) {
    /** Journal events per committed block while rounds succeed: block stored, vote's safety state, commit. */
    public static final int JOURNAL_EVENTS_PER_COMMITTED_BLOCK = 3;

    public static final String CONFIG_PATH = "fogledger.validator.snapshots";

    public SnapshotSettings {
        if (everyCommittedBlocks < 0 || everyCommittedBlocks > Integer.MAX_VALUE / JOURNAL_EVENTS_PER_COMMITTED_BLOCK) {
            throw new IllegalArgumentException(CONFIG_PATH + ".every-committed-blocks must be 0 (off) or positive, got "
                    + everyCommittedBlocks);
        }
        if (keep < 1) {
            throw new IllegalArgumentException(CONFIG_PATH + ".keep must be at least 1, got " + keep);
        }
    }

    public static SnapshotSettings disabled() {
        return new SnapshotSettings(0, 1, false);
    }

    /** Block {@value #CONFIG_PATH} of a node's configuration (reference.conf supplies every key). */
    public static SnapshotSettings fromConfig(Config config) {
        Config block = config.getConfig(CONFIG_PATH);
        return new SnapshotSettings(block.getInt("every-committed-blocks"), block.getInt("keep"),
                block.getBoolean("delete-events"));
    }

    public boolean enabled() {
        return everyCommittedBlocks > 0;
    }

    public int eventsBetweenSnapshots() {
        return everyCommittedBlocks * JOURNAL_EVENTS_PER_COMMITTED_BLOCK;
    }

    RetentionCriteria retention() {
        if (!enabled()) {
            return RetentionCriteria.disabled();
        }
        var criteria = RetentionCriteria.snapshotEvery(eventsBetweenSnapshots(), keep);
        return deleteEvents ? criteria.withDeleteEventsOnSnapshot() : criteria;
    }
}
