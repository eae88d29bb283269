package org.fogledger.ledger.validator;

import java.util.List;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.wire.WireMessage;

/**
 * Committed block hashes of one validator, consecutive from {@code firstHeight}; with {@code committedHeight}, its
 * tip. Two validators' chains are the same where these lists agree.
 */
public record CommittedHashes(long firstHeight, List<Hash> hashes, long committedHeight) implements WireMessage {

    public CommittedHashes {
        hashes = List.copyOf(hashes);
    }
}
