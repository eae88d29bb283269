package org.fogledger.ledger.consensus;

import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/** A validator's signed vote for a block, sent to the leader of the next round, who aggregates votes into a QC. */
public record Vote(Hash blockHash, long round, long height, PublicKey voter, Signature signature)
        implements ConsensusMessage {

    @Override
    public String toString() {
        return "Vote[r" + round + " h" + height + " " + (blockHash == null ? "null" : blockHash.shortHex()) + " by " + voter + "]";
    }
}
