package org.fogledger.simulator.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Keys derived from the fleet's seed, never stored: the Ed25519 secret of party {@code (kind, index)} is
 * SHA-256({@code kind} ‖ seed ‖ index). Deriving the public key costs a base-point multiplication (tens of
 * microseconds), so the most recently used keys are kept in a small direct-mapped cache (lock-free; a collision just
 * derives again).
 */
public final class DeviceKeys {
    private final long seed;
    private final String kind;
    private final AtomicReferenceArray<Cached> cache;
    private final int mask;

    private record Cached(long index, KeyPair key) {
    }

    /**
     * @param kind      what the keys are for ({@code device}, {@code owner}, {@code agent}): distinct kinds give
     *                  unrelated keys for the same index
     * @param cacheSize entries of the cache, rounded up to a power of two
     */
    public DeviceKeys(long seed, String kind, int cacheSize) {
        this.seed = seed;
        this.kind = kind;
        int size = Integer.highestOneBit(Math.max(1, cacheSize - 1)) << 1;
        this.cache = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    public KeyPair key(long index) {
        int slot = (int) (mix(index) & mask);
        Cached cached = cache.get(slot);
        if (cached != null && cached.index == index) {
            return cached.key;
        }
        KeyPair key = derive(index);
        cache.set(slot, new Cached(index, key));
        return key;
    }

    private KeyPair derive(long index) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(16).putLong(seed).putLong(index).array());
            return KeyPair.fromPrivateKey(SignatureScheme.ED25519, sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
