package org.fogledger.ledger.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.crypto.params.MLDSAKeyGenerationParameters;
import org.bouncycastle.crypto.generators.MLDSAKeyPairGenerator;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * A private key with its public key. Signing is deterministic for Ed25519 (RFC 8032) and for ML-DSA-65 (the
 * FIPS 204 deterministic variant), so the same key and message always give the same signature.
 */
public final class KeyPair {
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
        return switch (scheme) {
            case ED25519 -> {
                byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
                random.nextBytes(seed);
                yield fromPrivateKey(scheme, seed);
            }
            case ML_DSA_65 -> {
                MLDSAKeyPairGenerator generator = new MLDSAKeyPairGenerator();
                generator.init(new MLDSAKeyGenerationParameters(random, MLDSAParameters.ml_dsa_65));
                AsymmetricCipherKeyPair pair = generator.generateKeyPair();
                MLDSAPrivateKeyParameters priv = (MLDSAPrivateKeyParameters) pair.getPrivate();
                yield fromPrivateKey(scheme, priv.getSeed());
            }
        };
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
                if (privateKey.length != 32) {
                    throw new IllegalArgumentException("ML-DSA-65 seed must be 32 bytes, got " + privateKey.length);
                }
                MLDSAKeyPairGenerator generator = new MLDSAKeyPairGenerator();
                generator.init(new MLDSAKeyGenerationParameters(new FixedSeedRandom(privateKey), MLDSAParameters.ml_dsa_65));
                AsymmetricCipherKeyPair pair = generator.generateKeyPair();
                MLDSAPrivateKeyParameters priv = (MLDSAPrivateKeyParameters) pair.getPrivate();
                MLDSAPublicKeyParameters pub = (MLDSAPublicKeyParameters) pair.getPublic();
                yield new KeyPair(scheme, priv.getSeed(), PublicKey.of(scheme, pub.getEncoded()), priv);
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
                Ed25519.sign(privateKey, 0, message, 0, message.length, sig, 0);
                yield Signature.wrap(scheme, sig);
            }
            case ML_DSA_65 -> {
                MLDSASigner signer = new MLDSASigner();
                // No random source: FIPS 204 deterministic signing.
                signer.init(true, mlDsaPrivate);
                signer.update(message, 0, message.length);
                try {
                    yield Signature.wrap(scheme, signer.generateSignature());
                } catch (org.bouncycastle.crypto.CryptoException e) {
                    throw new IllegalStateException("ML-DSA signing failed", e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return "KeyPair[" + publicKey + "]";
    }

    /** Feeds a fixed 32-byte seed to the ML-DSA generator, which draws exactly that seed. */
    private static final class FixedSeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("ML-DSA generator asked for " + bytes.length + " seed bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            Arrays.fill(seed, (byte) 0);
        }
    }
}
