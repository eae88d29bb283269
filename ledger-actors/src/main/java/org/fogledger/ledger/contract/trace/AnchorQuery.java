package org.fogledger.ledger.contract.trace;

import org.fogledger.ledger.crypto.Hash;

/** The argument of the {@code anchor} query: exactly one of a batch root or a record sequence number. */
public record AnchorQuery(Hash root, Long sequence) {

    public AnchorQuery {
        if ((root == null) == (sequence == null)) {
            throw new IllegalArgumentException("give exactly one of 'root' and 'sequence'");
        }
    }

    public static AnchorQuery byRoot(Hash root) {
        return new AnchorQuery(root, null);
    }

    public static AnchorQuery bySequence(long sequence) {
        return new AnchorQuery(null, sequence);
    }
}
