package org.fogledger.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.validator.SubmitResult;
import org.junit.jupiter.api.Test;

/** When a committed transaction sent again counts as executed once. */
class ReplayVerdictTest {
    private final KeyPair sender = KeyPair.generate();
    private final Transaction tx = Transaction.sign(sender, "chain", 1, "registry/d1", "register", new byte[] {1});
    private final Hash block = Sha256.hash(new byte[] {1});
    private final LedgerPort.Seen seen = new LedgerPort.Seen(tx,
            new AcknowledgedOnLedgerCheck.Acknowledged(tx.hash(), "register d1", 12, 3, block));

    @Test
    void aRefusedCopyWasExecutedOnce() {
        assertTrue(ReplayBehaviour.executedOnce(seen, new SubmitResult.Refused(tx.hash(), "NONCE_USED", "used")));
    }

    @Test
    void theOriginalReceiptAgainWasExecutedOnce() {
        assertTrue(ReplayBehaviour.executedOnce(seen, committed(12, 3, block)));
    }

    @Test
    void aReceiptAnywhereElseIsASecondExecution() {
        assertFalse(ReplayBehaviour.executedOnce(seen, committed(13, 0, Sha256.hash(new byte[] {2}))));
        assertFalse(ReplayBehaviour.executedOnce(seen, committed(12, 4, block)));
        assertFalse(ReplayBehaviour.executedOnce(seen, committed(12, 3, Sha256.hash(new byte[] {3}))));
    }

    private SubmitResult.Committed committed(long height, int index, Hash blockHash) {
        return new SubmitResult.Committed(new Receipt(tx.hash(), height, index, ReceiptStatus.COMMITTED_OK, "ok",
                new byte[0]), sender.publicKey(), blockHash);
    }
}
