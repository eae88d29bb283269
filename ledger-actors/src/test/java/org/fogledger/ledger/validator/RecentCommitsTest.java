package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.junit.jupiter.api.Test;

class RecentCommitsTest {
    private final KeyPair client = KeyPair.generate();

    @Test
    void aCommittedTransactionAwaitsExecutionThenCarriesItsAnswer() {
        RecentCommits recent = new RecentCommits(10);
        Transaction tx = tx(0);
        assertTrue(recent.find(tx.hash()).isEmpty());

        recent.committed(List.of(tx));
        assertInstanceOf(RecentCommits.AwaitingExecution.class, recent.find(tx.hash()).orElseThrow());

        SubmitResult.Committed answer = answer(tx, 5, 0);
        recent.executed(answer);
        RecentCommits.Executed executed = assertInstanceOf(RecentCommits.Executed.class,
                recent.find(tx.hash()).orElseThrow());
        assertEquals(answer, executed.answer());

        recent.committed(List.of(tx));
        assertInstanceOf(RecentCommits.Executed.class, recent.find(tx.hash()).orElseThrow(),
                "committing the same hash again does not forget its answer");
    }

    @Test
    void theOldestAreForgottenBeyondTheCapacity() {
        RecentCommits recent = new RecentCommits(3);
        List<Transaction> txs = new ArrayList<>();
        for (int nonce = 0; nonce < 5; nonce++) {
            txs.add(tx(nonce));
        }
        recent.committed(txs);
        assertEquals(3, recent.size());
        assertTrue(recent.find(txs.get(0).hash()).isEmpty());
        assertTrue(recent.find(txs.get(1).hash()).isEmpty());
        assertTrue(recent.find(txs.get(4).hash()).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new RecentCommits(0));
    }

    private Transaction tx(long nonce) {
        return Transaction.sign(client, "chain", nonce, "test/counter", "add", new byte[] {(byte) nonce});
    }

    private SubmitResult.Committed answer(Transaction tx, long height, int index) {
        return new SubmitResult.Committed(new Receipt(tx.hash(), height, index, ReceiptStatus.COMMITTED_OK, "ok",
                new byte[0]), client.publicKey(), Sha256.hash(new byte[] {1}));
    }
}
