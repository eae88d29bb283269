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
import org.fogledger.ledger.mempool.UsedNonceTable;

/**
 * What a validator's journal says, folded: the latest safety state, the blocks stored but not final, the most
 * recent committed blocks (a bounded window; the whole chain is in the committed-block store) and the nonces every
 * sender has used. Mutable and confined to the actor: the event handler is its only writer. Snapshots take an
 * immutable copy ({@link #toSnapshot()}), never this object.
 */
public final class ValidatorState {
    private SafetyState safety;
    private final ArrayDeque<CommittedBlock> committedTail = new ArrayDeque<>();
    private final Map<Hash, ChainedBlock> uncommitted = new LinkedHashMap<>();
    private final UsedNonceTable usedNonces;
    private final int retained;
    private long committedHeight;

    private ValidatorState(SafetyState safety, List<CommittedBlock> committed, List<ChainedBlock> uncommittedBlocks,
                           UsedNonceTable usedNonces, int retained) {
        this.safety = safety;
        this.retained = Math.max(1, retained);
        for (CommittedBlock block : committed.subList(Math.max(0, committed.size() - this.retained), committed.size())) {
            committedTail.addLast(block);
        }
        this.committedHeight = committedTail.getLast().height();
        for (ChainedBlock block : uncommittedBlocks) {
            if (block.height() > committedHeight) {
                uncommitted.put(block.block().hash(), block);
            }
        }
        this.usedNonces = usedNonces;
    }

    static ValidatorState empty(Block genesis, int retained) {
        QuorumCertificate genesisQc = QuorumCertificate.genesis(genesis);
        return new ValidatorState(SafetyState.initial(genesisQc), List.of(new CommittedBlock(genesis, genesisQc)),
                List.of(), new UsedNonceTable(), retained);
    }

    /** The state a snapshot describes; its window is cut to the last {@code retained} blocks if longer. */
    static ValidatorState fromSnapshot(ValidatorSnapshot snapshot, int retained) {
        return new ValidatorState(snapshot.safety(), snapshot.committedWindow(), snapshot.uncommittedBlocks(),
                UsedNonceTable.restore(snapshot.usedNonces()), retained);
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
                usedNonces.markCommitted(block.block().transactions());
                while (committedTail.size() > retained) {
                    committedTail.removeFirst();
                }
            }
            uncommitted.values().removeIf(block -> block.height() <= committedHeight);
        }
        return this;
    }

    /** An immutable copy, for a snapshot: taken on the actor's thread, serialized on another. */
    ValidatorSnapshot toSnapshot() {
        return new ValidatorSnapshot(safety, new ArrayList<>(committedTail), new ArrayList<>(uncommitted.values()),
                usedNonces.export());
    }

    /** What the consensus core starts from after a restart. */
    RecoveredState recovered() {
        return new RecoveredState(safety, new ArrayList<>(committedTail), List.copyOf(uncommitted.values()));
    }

    /** The committed blocks this state holds, oldest first: the window ending at the committed tip. */
    List<CommittedBlock> committedWindow() {
        return new ArrayList<>(committedTail);
    }

    /** A copy of the used-nonce table folded from every committed block. */
    UsedNonceTable usedNonces() {
        return usedNonces.copy();
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
