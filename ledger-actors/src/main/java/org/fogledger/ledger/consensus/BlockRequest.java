package org.fogledger.ledger.consensus;

import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.wire.WireMessage;

/** Asks a peer for a block this replica saw certified but never received. */
public record BlockRequest(Hash blockHash) implements ConsensusMessage, WireMessage {

    @Override
    public long round() {
        return 0;
    }
}
