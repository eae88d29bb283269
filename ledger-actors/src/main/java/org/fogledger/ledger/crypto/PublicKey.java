package org.fogledger.ledger.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A public key tagged with its scheme. Its identity (equality, {@link #keyId()}) is the tagged encoding
 * {@code tag || raw}, so two schemes can never share a key id.
 */
public final class PublicKey {
    private final SignatureScheme scheme;
    private final byte[] raw;
    private volatile Hash keyId;
    // Parsed on first verification and kept for the key's lifetime: bounded by the keys the node holds, with no
    // global cache to size. Racing threads may both parse; they compute equal values, so either write is fine.
    private volatile VerificationKey verificationKey;

    private PublicKey(SignatureScheme scheme, byte[] raw) {
        this.scheme = scheme;
        this.raw = raw;
    }

    /**
     * A key from its raw encoding; the length must be the scheme's. The same key decoded again (every message from a
     * peer or transaction from a client carries its keys) is the same instance, from a bounded cache, so its parsed
     * point is decoded once, not once per message.
     */
    public static PublicKey of(SignatureScheme scheme, byte[] raw) {
        if (raw.length != scheme.publicKeyLength()) {
            throw new IllegalArgumentException(
                    scheme + " public key must be " + scheme.publicKeyLength() + " bytes, got " + raw.length);
        }
        return RECENT.intern(new PublicKey(scheme, raw.clone()));
    }

    private static final RecentKeys RECENT = new RecentKeys(1 << 16);

    /** The most recently seen keys, at most {@code capacity}; the least recently used leaves first. */
    private static final class RecentKeys {
        private final java.util.LinkedHashMap<PublicKey, PublicKey> keys;

        RecentKeys(int capacity) {
            this.keys = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<PublicKey, PublicKey> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized PublicKey intern(PublicKey key) {
            PublicKey known = keys.putIfAbsent(key, key);
            return known == null ? key : known;
        }
    }

    /** Parses the tagged encoding produced by {@link #encoded()}. */
    public static PublicKey fromEncoded(byte[] encoded) {
        if (encoded.length < 1) {
            throw new IllegalArgumentException("public key encoding is empty");
        }
        SignatureScheme scheme = SignatureScheme.fromTag(encoded[0] & 0xff);
        return of(scheme, Arrays.copyOfRange(encoded, 1, encoded.length));
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    /** A copy of the raw key bytes, without the tag. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Raw bytes without copying, for verifiers inside this package. */
    byte[] rawUnsafe() {
        return raw;
    }

    /** The key in the form its verifier uses, parsed once. */
    VerificationKey verificationKey() {
        VerificationKey parsed = verificationKey;
        if (parsed == null) {
            parsed = VerificationKey.parse(scheme, raw);
            verificationKey = parsed;
        }
        return parsed;
    }

    /** The tagged encoding {@code tag || raw}. */
    public byte[] encoded() {
        byte[] out = new byte[1 + raw.length];
        out[0] = (byte) scheme.tag();
        System.arraycopy(raw, 0, out, 1, raw.length);
        return out;
    }

    /** SHA-256 of the tagged encoding: the key's stable identity on the ledger. */
    public Hash keyId() {
        Hash id = keyId;
        if (id == null) {
            id = Sha256.hash(encoded());
            keyId = id;
        }
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && scheme == that.scheme && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return scheme + ":" + HexFormat.of().formatHex(raw, 0, Math.min(8, raw.length));
    }
}
