package org.fogledger.ledger.client;

import java.util.List;
import org.fogledger.ledger.crypto.Hash;

/**
 * {@link LedgerClient#submitAndConfirm} did not get the receipts it asked for: validators disagreed on where the
 * transaction is, refused it, or did not answer. The message names each validator and what it said; {@link #answers()}
 * has the same, one line per validator asked.
 */
public final class QuorumException extends LedgerClientException {
    private final Hash txHash;
    private final List<String> answers;

    public QuorumException(Hash txHash, String summary, List<String> answers) {
        super(summary + ": " + String.join("; ", answers));
        this.txHash = txHash;
        this.answers = List.copyOf(answers);
    }

    public Hash txHash() {
        return txHash;
    }

    /** What each validator asked answered, as text ("validator 1a2b3c4d: committed at height 5 index 2 ..."). */
    public List<String> answers() {
        return answers;
    }
}
