package org.fogledger.ledger.validator;

import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.wire.WireMessage;

/** A validator's answer to a submitted transaction. */
public sealed interface SubmitResult extends WireMessage {

    /** The transaction is committed: where, in which block, according to which validator. */
    record Committed(Receipt receipt, PublicKey validator, Hash blockHash) implements SubmitResult {
    }

    /** The transaction was not admitted, with a stable reason code and a message naming what is wrong. */
    record Refused(Hash txHash, String reason, String message) implements SubmitResult {
    }
}
