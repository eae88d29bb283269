package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.key;
import static org.fogledger.ledger.mempool.MempoolFixtures.signed;
import static org.fogledger.ledger.mempool.MempoolFixtures.tampered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.junit.jupiter.api.Test;

class ParallelSignatureVerifierTest {
    private final AtomicInteger verifications = new AtomicInteger();
    private final SignatureVerifier counting = (key, message, signature) -> {
        verifications.incrementAndGet();
        return SignatureVerifier.direct().verify(key, message, signature);
    };

    /** 400 transactions from 8 senders, one in three tampered, in a seeded order. */
    private static List<Transaction> mixedBatch() {
        Random random = new Random(7);
        List<Transaction> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Transaction tx = signed(key(i % 8), i);
            batch.add(random.nextInt(3) == 0 ? tampered(tx) : tx);
        }
        return batch;
    }

    @Test
    void results_equal_sequential_verification_in_input_order() {
        List<Transaction> batch = mixedBatch();
        boolean[] sequential = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            sequential[i] = batch.get(i).hasValidSignature();
        }
        assertTrue(countTrue(sequential) > 0 && countTrue(sequential) < batch.size(), "the batch is a mix");

        try (var verifier = new ParallelSignatureVerifier(new BoundedVerificationCache(10_000), counting, 4)) {
            assertArrayEquals(sequential, verifier.verifyAll(batch));
        }
    }

    @Test
    void each_signature_is_verified_once_and_the_cache_serves_the_core_afterwards() {
        List<Transaction> batch = mixedBatch();
        BoundedVerificationCache cache = new BoundedVerificationCache(10_000);
        try (var verifier = new ParallelSignatureVerifier(cache, counting, 4)) {
            boolean[] first = verifier.verifyAll(batch);
            assertEquals(batch.size(), verifications.get());

            boolean[] again = verifier.verifyAll(batch);
            SignatureVerifier core = cache.cachingVerifier(counting);
            for (int i = 0; i < batch.size(); i++) {
                Transaction tx = batch.get(i);
                assertEquals(first[i], core.verify(tx.sender(), tx.signingBytes(), tx.signature()));
            }

            assertArrayEquals(first, again);
            assertEquals(batch.size(), verifications.get(), "no signature verified twice");
        }
    }

    @Test
    void small_batches_and_a_single_thread_give_the_same_answers() {
        List<Transaction> batch = mixedBatch().subList(0, 3);
        try (var one = new ParallelSignatureVerifier(new BoundedVerificationCache(100), counting, 1);
             var many = ParallelSignatureVerifier.create(new BoundedVerificationCache(100))) {
            assertArrayEquals(one.verifyAll(mixedBatch()), many.verifyAll(mixedBatch()));
            assertArrayEquals(one.verifyAll(batch), many.verifyAll(batch));
            assertEquals(List.of(), many.verifyAllAsList(List.of()));
            assertTrue(many.threads() >= 1);
        }
    }

    @Test
    void a_closed_verifier_says_so() {
        var verifier = new ParallelSignatureVerifier(new BoundedVerificationCache(100), counting, 2);
        verifier.close();

        var e = assertThrows(IllegalStateException.class, () -> verifier.verifyAll(mixedBatch()));
        assertTrue(e.getMessage().contains("closed"));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static int countTrue(boolean[] values) {
        int n = 0;
        for (boolean v : values) {
            n += v ? 1 : 0;
        }
        return n;
    }
}
