package org.fogledger.ledger.mempool;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.Signature;

/**
 * Remembers signature verifications, so that each validator verifies a signature once: a transaction verified at
 * admission is not verified again when it comes back inside a proposal, nor when a vote or timeout arrives twice.
 *
 * <p>Keyed by {@link #verificationId}: SHA-256 over the key, the hash of the message and the signature, which is the
 * identity of the question asked; both the mempool (through {@link #verify(Transaction, SignatureVerifier)}) and the
 * consensus core (through {@link #cachingVerifier}, injected as the replica's {@link SignatureVerifier}) ask it in
 * those terms, so they share answers. For a transaction the message is its signing bytes, and the answer for one
 * (key, message, signature) is the same forever, so caching refusals too is sound. The answers are always the real
 * ones, computed by the delegate: nothing is assumed valid. Hashing the message costs about 1 µs per KiB, against
 * 50-100 µs for an Ed25519 verification and more for ML-DSA.
 *
 * <p>Bounded by count, in two generations: new answers go to the young one; when it holds half the capacity it
 * becomes the old one and the previous old one is forgotten; an answer found in the old generation moves back to
 * the young one. Recently used answers survive, at most {@code capacity} are held (about 150 bytes each), and every
 * operation is O(1) with no per-entry bookkeeping. Flooding the cache with junk only costs re-verification later.
 *
 * <p>No clock, no threads, no I/O. Safe for concurrent callers (the {@link ParallelSignatureVerifier}'s workers and
 * the actor): map operations are guarded by this object's lock; verification runs outside it.
 */
public final class BoundedVerificationCache {
    private final int capacity;
    private final int generationSize;
    private Map<Hash, Boolean> young = new HashMap<>();
    private Map<Hash, Boolean> old = new HashMap<>();
    private long hits;
    private long misses;

    /** A cache of at most {@code capacity} answers; at least 2. */
    public BoundedVerificationCache(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
        }
        this.capacity = capacity;
        this.generationSize = capacity / 2;
    }

    /** The identity of a verification: SHA-256(tagged key || SHA-256(message) || signature tag || signature). */
    public static Hash verificationId(PublicKey key, byte[] message, Signature signature) {
        // The key's encoding and the signature's length are fixed by their tags, and the message enters as its
        // fixed-length hash, so the concatenation is unambiguous.
        return Sha256.hash(key.encoded(), Sha256.hash(message).bytes(),
                new byte[] {(byte) signature.scheme().tag()}, signature.raw());
    }

    /** Verifies with {@code delegate} unless the answer is known; remembers it. Null parts are invalid. */
    public boolean verify(PublicKey key, byte[] message, Signature signature, SignatureVerifier delegate) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        Hash id = verificationId(key, message, signature);
        Boolean known = lookup(id);
        if (known != null) {
            return known;
        }
        boolean valid = delegate.verify(key, message, signature);
        record(id, valid);
        return valid;
    }

    /** The transaction's signature check, through the cache: what admission asks. */
    public boolean verify(Transaction tx, SignatureVerifier delegate) {
        return verify(tx.sender(), tx.signingBytes(), tx.signature(), delegate);
    }

    /** A verifier for the consensus core that answers from this cache and fills it from {@code delegate}. */
    public SignatureVerifier cachingVerifier(SignatureVerifier delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return (key, message, signature) -> verify(key, message, signature, delegate);
    }

    /** The known answer for {@code id}, or null. */
    synchronized Boolean lookup(Hash id) {
        Boolean answer = young.get(id);
        if (answer == null) {
            answer = old.remove(id);
            if (answer != null) {
                put(id, answer);
            }
        }
        if (answer == null) {
            misses++;
        } else {
            hits++;
        }
        return answer;
    }

    synchronized void record(Hash id, boolean valid) {
        if (!young.containsKey(id)) {
            old.remove(id);
            put(id, valid);
        }
    }

    private void put(Hash id, boolean valid) {
        if (young.size() >= generationSize) {
            old = young;
            young = new HashMap<>();
        }
        young.put(id, valid);
    }

    public int capacity() {
        return capacity;
    }

    /** Answers held now; never above {@link #capacity()}. */
    public synchronized int size() {
        return young.size() + old.size();
    }

    /** Lookups answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Lookups that had to verify. */
    public synchronized long misses() {
        return misses;
    }

    @Override
    public synchronized String toString() {
        return "BoundedVerificationCache[" + size() + "/" + capacity + ", hits=" + hits + ", misses=" + misses + "]";
    }
}
