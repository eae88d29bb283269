package org.fogledger.ledger.validator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.crypto.Hash;

/**
 * What a validator's journal says, folded: the latest safety state, the blocks stored but not final, and the most
 * recent committed blocks (a bounded tail; older ones stay in the journal). Mutable and confined to the actor: the
 * event handler is its only writer.
 */
public final class ValidatorState {
    private SafetyState safety;
    private final ArrayDeque<CommittedBlock> committedTail = new ArrayDeque<>();
    private final Map<Hash, ChainedBlock> uncommitted = new LinkedHashMap<>();
    private final int retained;
    private long committedHeight;

    private ValidatorState(Block genesis, int retained) {
        QuorumCertificate genesisQc = QuorumCertificate.genesis(genesis);
        this.safety = SafetyState.initial(genesisQc);
        this.committedTail.add(new CommittedBlock(genesis, genesisQc));
        this.retained = Math.max(1, retained);
    }

    static ValidatorState empty(Block genesis, int retained) {
        return new ValidatorState(genesis, retained);
    }

    ValidatorState apply(ValidatorEvent event) {
        if (event instanceof ValidatorEvent.SafetyStateSaved saved) {
            safety = saved.state();
        } else if (event instanceof ValidatorEvent.BlockStored stored) {
            if (stored.block().height() > committedHeight) {
                uncommitted.put(stored.block().block().hash(), stored.block());
            }
        } else if (event instanceof ValidatorEvent.BlocksCommitted committed) {
            for (CommittedBlock block : committed.blocks()) {
                if (block.height() != committedHeight + 1) {
                    continue;
                }
                committedTail.addLast(block);
                committedHeight = block.height();
                while (committedTail.size() > retained) {
                    committedTail.removeFirst();
                }
            }
            uncommitted.values().removeIf(block -> block.height() <= committedHeight);
        }
        return this;
    }

    /** What the consensus core starts from after a restart. */
    RecoveredState recovered() {
        return new RecoveredState(safety, new ArrayList<>(committedTail), List.copyOf(uncommitted.values()));
    }

    /** Hashes of the committed blocks still in the tail, from {@code fromHeight}, at most {@code max}. */
    CommittedHashes committedHashes(long fromHeight, int max) {
        List<Hash> hashes = new ArrayList<>();
        long first = -1;
        for (CommittedBlock block : committedTail) {
            if (block.height() >= fromHeight && hashes.size() < max) {
                if (first < 0) {
                    first = block.height();
                }
                hashes.add(block.block().hash());
            }
        }
        return new CommittedHashes(first < 0 ? fromHeight : first, hashes, committedHeight);
    }

    /** The committed blocks still in the tail, from {@code fromHeight} on, in height order. */
    List<Block> committedBlocksFrom(long fromHeight) {
        List<Block> blocks = new ArrayList<>();
        for (CommittedBlock block : committedTail) {
            if (block.height() >= fromHeight) {
                blocks.add(block.block());
            }
        }
        return blocks;
    }

    public long committedHeight() {
        return committedHeight;
    }

    public SafetyState safety() {
        return safety;
    }
}
