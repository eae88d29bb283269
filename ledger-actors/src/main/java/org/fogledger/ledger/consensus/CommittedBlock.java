package org.fogledger.ledger.consensus;

import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;

/** A final block with the quorum certificate that certifies it: what a validator stores and serves to laggards. */
public record CommittedBlock(Block block, QuorumCertificate certificate) {

    public long height() {
        return block.height();
    }
}
