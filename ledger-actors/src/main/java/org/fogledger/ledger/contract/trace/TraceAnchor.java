package org.fogledger.ledger.contract.trace;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A batch the trace contract accepted: the anchored root and range, the previous root it links to, and where on
 * the chain it was accepted. It is the result data of a successful {@code anchor}, so an audit proof carries it
 * inside the execution record that the next block header commits to.
 *
 * @param height          the block that holds the anchor transaction
 * @param index           the execution's place in that block (the transaction's index)
 * @param transaction     the anchor transaction's hash
 * @param blockTimeMillis the block's time: the records were anchored no later than this
 * @param gateway         the key that signed the anchor
 */
public record TraceAnchor(Hash root, long firstSeq, long lastSeq, long count, Hash previousRoot, long height,
                          int index, Hash transaction, long blockTimeMillis, PublicKey gateway) {

    public TraceAnchor {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(previousRoot, "previousRoot");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(gateway, "gateway");
    }

    public boolean covers(long sequence) {
        return sequence >= firstSeq && sequence <= lastSeq;
    }
}
