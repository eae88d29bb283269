package org.fogledger.ledger.client;

import java.util.List;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * Receipts of one transaction from several validators that agree on its place in the chain: the same height, index
 * in the block, and block hash. With {@code f + 1} of them, at least one comes from an honest validator, so the
 * transaction is committed there.
 *
 * @param receipts the agreeing answers, one per validator, in the order the validators were asked
 */
public record QuorumReceipt(Hash txHash, long height, int index, Hash blockHash,
                            List<SubmitResult.Committed> receipts) {

    public QuorumReceipt {
        receipts = List.copyOf(receipts);
    }

    /** The validators whose receipts agree. */
    public List<PublicKey> validators() {
        return receipts.stream().map(SubmitResult.Committed::validator).toList();
    }
}
