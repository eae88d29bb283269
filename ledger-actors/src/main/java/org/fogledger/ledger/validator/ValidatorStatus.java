package org.fogledger.ledger.validator;

import java.util.Map;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.wire.WireMessage;

/** A validator's view of itself, for operators, tests and benchmarks. */
public record ValidatorStatus(
        PublicKey validator,
        long round,
        long committedHeight,
        Hash committedTip,
        int connectedPeers,
        int pendingTransactions,
        Map<String, Long> counters) implements WireMessage {
}
