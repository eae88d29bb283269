package org.fogledger.ledger.consensus;

import org.fogledger.ledger.crypto.Hash;

/** Asks a peer for a block this replica saw certified but never received. */
public record BlockRequest(Hash blockHash) implements ConsensusMessage {

    @Override
    public long round() {
        return 0;
    }
}
