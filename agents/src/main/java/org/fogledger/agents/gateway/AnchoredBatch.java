package org.fogledger.agents.gateway;

import java.util.Objects;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.trace.AnchorCommand;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceContract;
import org.fogledger.ledger.crypto.Hash;

/**
 * A trace batch the trace contract accepted, with what a proof of one of its records starts from: the anchor
 * transaction that carried its root and the height and hash of the block that committed it (from the receipt).
 */
public record AnchoredBatch(TraceBatch batch, Transaction anchorTransaction, long height, Hash blockHash) {

    public AnchoredBatch {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(anchorTransaction, "anchorTransaction");
        Objects.requireNonNull(blockHash, "blockHash");
        if (height < 1) {
            throw new IllegalArgumentException("an anchor is committed at height 1 or later, got " + height);
        }
        if (!anchorTransaction.contract().equals(batch.address().toString())
                || !anchorTransaction.command().equals(TraceContract.ANCHOR) || !anchors(anchorTransaction, batch)) {
            throw new IllegalArgumentException("transaction " + anchorTransaction.hash().shortHex() + " ("
                    + anchorTransaction.contract() + "." + anchorTransaction.command() + ") does not anchor " + batch);
        }
    }

    private static boolean anchors(Transaction tx, TraceBatch batch) {
        try {
            return ContractJson.read(tx.payload(), AnchorCommand.class, "anchor").equals(batch.anchorCommand());
        } catch (ContractRefusal e) {
            return false;
        }
    }
}
