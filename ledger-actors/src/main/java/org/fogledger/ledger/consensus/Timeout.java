package org.fogledger.ledger.consensus;

import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * A validator's signed statement that it gave up on a round, carrying its highest certificate so the next leader
 * learns the most recent certified block. 2f+1 of them for one round form a {@link TimeoutCertificate}.
 */
public record Timeout(long round, QuorumCertificate highQc, PublicKey sender, Signature signature)
        implements ConsensusMessage {

    @Override
    public String toString() {
        return "Timeout[r" + round + " highQc=" + (highQc == null ? "null" : "r" + highQc.round()) + " by " + sender + "]";
    }
}
