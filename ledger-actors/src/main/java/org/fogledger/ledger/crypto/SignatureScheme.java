package org.fogledger.ledger.crypto;

/**
 * The signature schemes a FogLedger key may use. The tag is part of every encoded public key and signature, so a
 * verifier always knows which algorithm to run and never guesses from a length.
 */
public enum SignatureScheme {
    /** RFC 8032 Ed25519: the default, fast and compact. */
    ED25519(1, 32, 64),
    /** FIPS 204 ML-DSA-65: post-quantum, for keys that must outlive today's algorithms. */
    ML_DSA_65(2, 1952, 3309);

    private final int tag;
    private final int publicKeyLength;
    private final int signatureLength;

    SignatureScheme(int tag, int publicKeyLength, int signatureLength) {
        this.tag = tag;
        this.publicKeyLength = publicKeyLength;
        this.signatureLength = signatureLength;
    }

    /** The one-byte tag written before keys and signatures of this scheme. */
    public int tag() {
        return tag;
    }

    /** Length in bytes of a raw public key of this scheme. */
    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** Length in bytes of a raw signature of this scheme. */
    public int signatureLength() {
        return signatureLength;
    }

    /** The scheme with this tag; an unknown tag is an error that names the tag. */
    public static SignatureScheme fromTag(int tag) {
        for (SignatureScheme scheme : values()) {
            if (scheme.tag == tag) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown signature scheme tag " + tag);
    }
}
