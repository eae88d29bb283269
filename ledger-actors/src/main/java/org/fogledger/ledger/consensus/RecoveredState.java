package org.fogledger.ledger.consensus;

import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;

/**
 * What a replica starts from: its durable safety state, the committed chain it stored (oldest first: from genesis,
 * or a contiguous tail ending at the committed tip),
 * and the uncommitted blocks it stored ({@link Output.PersistBlock}). Everything else (votes, timeouts, pending
 * transactions, outstanding requests) is lost in a crash and rebuilt from peers.
 */
public record RecoveredState(SafetyState safety, List<CommittedBlock> committedChain,
                             List<ChainedBlock> uncommittedBlocks) {

    public RecoveredState {
        committedChain = List.copyOf(committedChain);
        uncommittedBlocks = List.copyOf(uncommittedBlocks);
        if (committedChain.isEmpty()) {
            throw new IllegalArgumentException("the committed chain holds at least its tip (the genesis block at first)");
        }
    }

    /** A brand-new replica of the chain that starts at {@code genesis}. */
    public static RecoveredState fresh(Block genesis) {
        QuorumCertificate genesisQc = QuorumCertificate.genesis(genesis);
        return new RecoveredState(SafetyState.initial(genesisQc), List.of(new CommittedBlock(genesis, genesisQc)), List.of());
    }

    /** The oldest committed block given: genesis for a fresh replica. */
    public CommittedBlock genesis() {
        return committedChain.get(0);
    }
}
