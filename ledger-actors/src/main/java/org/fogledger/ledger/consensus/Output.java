package org.fogledger.ledger.consensus;

import java.util.List;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * What a replica asks its host to do. The host carries the outputs of one input out in order: persist, then send,
 * then apply commits. Persistence outputs are carried out in the order given. A vote or timeout never appears before the persist it depends on has been acknowledged with
 * {@link Input.PersistCompleted}.
 */
public sealed interface Output {

    /** Send to one validator. */
    record Send(PublicKey to, ConsensusMessage message) implements Output {
    }

    /** Send to every other validator. */
    record Broadcast(ConsensusMessage message) implements Output {
    }

    /** Make this safety state durable, then answer with {@link Input.PersistCompleted} carrying the sequence. */
    record PersistSafetyState(long sequence, SafetyState state) implements Output {
    }

    /**
     * Store this block (not yet final) before carrying out the outputs that follow it. A certified block must survive
     * its voters' crashes: if every voter lost it, no leader could extend the highest certificate.
     */
    record PersistBlock(ChainedBlock block) implements Output {
    }

    /** These blocks are final, in height order, each with the certificate that certifies it. */
    record Commit(List<CommittedBlock> blocks) implements Output {
    }

    /**
     * A peer asked for a block that is not in this replica's memory: older than its window of committed blocks, or
     * unknown. If the host's store of committed blocks holds it, the host sends {@code to} a {@link BlockResponse}
     * exactly as the replica would from memory: up to {@code maxBlocks} blocks ending at it, oldest first, each with
     * the certificate of its parent, at least that block and then older ones while their transactions fit in
     * {@code maxBytes}. Otherwise it sends nothing. The requester checks the response as any other.
     */
    record ServeCommittedBlocks(PublicKey to, Hash blockHash, int maxBlocks, long maxBytes) implements Output {
    }

    /** Fire {@link Input.TimerFired} with this kind and round after the delay, replacing any timer of the same kind. */
    record SetTimer(TimerKind kind, long round, long delayMillis) implements Output {
    }
}
