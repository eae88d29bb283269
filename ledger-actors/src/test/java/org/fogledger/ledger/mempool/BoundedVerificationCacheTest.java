package org.fogledger.ledger.mempool;

import static org.fogledger.ledger.mempool.MempoolFixtures.key;
import static org.fogledger.ledger.mempool.MempoolFixtures.signed;
import static org.fogledger.ledger.mempool.MempoolFixtures.tampered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class BoundedVerificationCacheTest {
    private final AtomicInteger verifications = new AtomicInteger();
    private final SignatureVerifier counting = (key, message, signature) -> {
        verifications.incrementAndGet();
        return SignatureVerifier.direct().verify(key, message, signature);
    };

    @Test
    void a_transaction_verified_at_admission_is_not_verified_again_in_a_proposal() {
        BoundedVerificationCache cache = new BoundedVerificationCache(100);
        Transaction tx = signed(key(1), 0);
        SignatureVerifier coreVerifier = cache.cachingVerifier(counting);

        assertTrue(cache.verify(tx, counting), "admission");
        // What Replica does for each transaction of a proposal:
        assertTrue(coreVerifier.verify(tx.sender(), tx.signingBytes(), tx.signature()));
        assertTrue(coreVerifier.verify(tx.sender(), tx.signingBytes(), tx.signature()));

        assertEquals(1, verifications.get());
        assertEquals(2, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void answers_are_the_real_ones_refusals_included() {
        BoundedVerificationCache cache = new BoundedVerificationCache(100);
        Transaction good = signed(key(1), 0);
        Transaction bad = tampered(good);

        assertTrue(cache.verify(good, counting));
        assertFalse(cache.verify(bad, counting));
        assertFalse(cache.verify(bad, counting));
        assertEquals(2, verifications.get());
    }

    @Test
    void the_answer_is_bound_to_key_message_and_signature() {
        KeyPair alice = key(1);
        KeyPair mallory = key(2);
        Transaction tx = signed(alice, 0);
        BoundedVerificationCache cache = new BoundedVerificationCache(100);
        SignatureVerifier verifier = cache.cachingVerifier(counting);
        assertTrue(verifier.verify(alice.publicKey(), tx.signingBytes(), tx.signature()));

        assertFalse(verifier.verify(mallory.publicKey(), tx.signingBytes(), tx.signature()), "other key");
        assertFalse(verifier.verify(alice.publicKey(), tampered(tx).signingBytes(), tx.signature()), "other message");
        assertFalse(verifier.verify(alice.publicKey(), tx.signingBytes(), signed(alice, 1).signature()),
                "other signature");
        assertFalse(verifier.verify(null, tx.signingBytes(), tx.signature()), "missing key");
        assertNotEquals(BoundedVerificationCache.verificationId(alice.publicKey(), tx.signingBytes(), tx.signature()),
                BoundedVerificationCache.verificationId(mallory.publicKey(), tx.signingBytes(), tx.signature()));
    }

    @Test
    void holds_at_most_its_capacity_and_keeps_recently_used_answers() {
        BoundedVerificationCache cache = new BoundedVerificationCache(10);
        KeyPair k = key(1);
        Transaction hot = signed(k, 0);
        cache.verify(hot, counting);
        for (int nonce = 1; nonce <= 50; nonce++) {
            cache.verify(signed(k, nonce), counting);
            cache.verify(hot, counting);
            assertTrue(cache.size() <= 10, "size " + cache.size());
        }

        assertEquals(51, verifications.get(), "the transaction asked about all along was verified once");
    }

    @Test
    void refuses_a_capacity_below_two() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedVerificationCache(1));
    }
}
