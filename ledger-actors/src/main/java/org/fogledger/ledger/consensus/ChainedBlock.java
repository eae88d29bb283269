package org.fogledger.ledger.consensus;

import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.QuorumCertificate;

/**
 * A block with the certificate of its parent (its HotStuff "justify"). The header commits to the parent's hash but
 * not to the certificate, so the two travel together.
 */
public record ChainedBlock(Block block, QuorumCertificate justify) {

    public long height() {
        return block.height();
    }

    public long round() {
        return block.round();
    }
}
