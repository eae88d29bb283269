package org.fogledger.ledger.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A private key with its public key. Signing is deterministic for Ed25519 (RFC 8032) and for ML-DSA-65 (the
 * FIPS 204 deterministic variant), so the same key and message always give the same signature.
 */
public final class KeyPair {
    /** Length of the FIPS 204 seed (xi) from which a whole ML-DSA key pair is derived. */
    static final int ML_DSA_SEED_LENGTH = 32;

    private final SignatureScheme scheme;
    private final byte[] privateKey;
    private final PublicKey publicKey;
    private final MLDSAPrivateKeyParameters mlDsaPrivate;

    private KeyPair(SignatureScheme scheme, byte[] privateKey, PublicKey publicKey,
                    MLDSAPrivateKeyParameters mlDsaPrivate) {
        this.scheme = scheme;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.mlDsaPrivate = mlDsaPrivate;
    }

    /** A fresh key pair of the scheme, drawn from {@code random}. */
    public static KeyPair generate(SignatureScheme scheme, SecureRandom random) {
        // Both schemes' key generation is "draw 32 random bytes, derive the rest" (RFC 8032 5.1.5, FIPS 204
        // Algorithm 1), so one path serves both and a stored private key is always those 32 bytes.
        byte[] seed = new byte[scheme == SignatureScheme.ED25519 ? Ed25519.SECRET_KEY_SIZE : ML_DSA_SEED_LENGTH];
        random.nextBytes(seed);
        return fromPrivateKey(scheme, seed);
    }

    /** A fresh Ed25519 key pair from the system's strong random source. */
    public static KeyPair generate() {
        return generate(SignatureScheme.ED25519, new SecureRandom());
    }

    /**
     * Rebuilds a key pair from its private key: the 32-byte Ed25519 secret, or the 32-byte ML-DSA seed (the
     * FIPS 204 seed form, from which the whole key is derived).
     */
    public static KeyPair fromPrivateKey(SignatureScheme scheme, byte[] privateKey) {
        return switch (scheme) {
            case ED25519 -> {
                if (privateKey.length != Ed25519.SECRET_KEY_SIZE) {
                    throw new IllegalArgumentException(
                            "Ed25519 private key must be " + Ed25519.SECRET_KEY_SIZE + " bytes, got " + privateKey.length);
                }
                byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
                Ed25519.generatePublicKey(privateKey, 0, pk, 0);
                yield new KeyPair(scheme, privateKey.clone(), PublicKey.of(scheme, pk), null);
            }
            case ML_DSA_65 -> {
                if (privateKey.length != ML_DSA_SEED_LENGTH) {
                    throw new IllegalArgumentException(
                            "ML-DSA-65 seed must be " + ML_DSA_SEED_LENGTH + " bytes, got " + privateKey.length);
                }
                MLDSAPrivateKeyParameters priv = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, privateKey);
                PublicKey pub = PublicKey.of(scheme, priv.getPublicKeyParameters().getEncoded());
                yield new KeyPair(scheme, privateKey.clone(), pub, priv);
            }
        };
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the private key (Ed25519 secret or ML-DSA seed). Handle with care. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** Signs the message as given; callers add the domain prefix (see the codec package). */
    public Signature sign(byte[] message) {
        return switch (scheme) {
            case ED25519 -> {
                byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
                // Passing the public key we derived once saves re-deriving it (a base-point multiplication) on
                // every signature; it must be this secret's own key, which it is by construction.
                Ed25519.sign(privateKey, 0, publicKey.rawUnsafe(), 0, message, 0, message.length, sig, 0);
                yield Signature.wrap(scheme, sig);
            }
            case ML_DSA_65 -> {
                MLDSASigner signer = new MLDSASigner();
                // No random source: FIPS 204 deterministic signing (rnd = 0^32), empty context.
                signer.init(true, mlDsaPrivate);
                signer.update(message, 0, message.length);
                try {
                    yield Signature.wrap(scheme, signer.generateSignature());
                } catch (CryptoException e) {
                    throw new IllegalStateException("ML-DSA signing failed", e);
                }
            }
        };
    }

    /** Never shows the private key, so a key pair can be logged by mistake without leaking it. */
    @Override
    public String toString() {
        return "KeyPair[" + publicKey + "]";
    }
}
