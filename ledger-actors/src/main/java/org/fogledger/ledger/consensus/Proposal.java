package org.fogledger.ledger.consensus;

import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.crypto.Signature;

/**
 * A leader's block for its round, with the certificate of the block it extends and, when the leader entered the
 * round through a timeout, the certificate of that timeout (so laggards can follow it into the round).
 *
 * @param block        the proposed block; its header names the proposer, who signs
 * @param justify      certificate of the parent block ({@code justify.blockHash() == block parent hash})
 * @param lastRoundTc  the timeout certificate of round {@code block round - 1}, or null when the leader got here by a QC
 * @param signature    the proposer's signature over {@link ConsensusSigning#proposal}
 */
public record Proposal(Block block, QuorumCertificate justify, TimeoutCertificate lastRoundTc, Signature signature)
        implements ConsensusMessage {

    @Override
    public long round() {
        return block == null ? 0 : block.round();
    }

    @Override
    public String toString() {
        if (block == null || justify == null) {
            return "Proposal[malformed: block=" + block + " justify=" + justify + "]";
        }
        return "Proposal[r" + round() + " h" + block.height() + " " + block.hash().shortHex()
                + " txs=" + block.transactions().size() + " justify=r" + justify.round()
                + (lastRoundTc == null ? "" : " tc=r" + lastRoundTc.round()) + "]";
    }
}
