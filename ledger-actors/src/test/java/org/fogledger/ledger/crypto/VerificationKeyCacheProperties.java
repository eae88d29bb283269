package org.fogledger.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The cached, pre-parsed verification path gives exactly the answers of Bouncy Castle's plain verify, for good
 * signatures, damaged ones, and keys that are not points at all. Consensus depends on it: validators whose
 * caches differ must still agree on every signature.
 */
class VerificationKeyCacheProperties {

    /** How a case damages the honest signature, if at all (a RANDOM_KEY for ML-DSA is the key with a bit flipped). */
    enum Damage { NONE, MESSAGE, SIGNATURE, OTHER_KEY, RANDOM_KEY, RANDOM_SIGNATURE }

    @Property(tries = 500)
    void ed25519CachedPointAgreesWithPlainVerify(@ForAll @Size(32) byte[] secret,
                                                 @ForAll @Size(max = 200) byte[] message,
                                                 @ForAll Damage damage,
                                                 @ForAll @Size(64) byte[] noise,
                                                 @ForAll @IntRange(min = 0, max = 511) int bit) {
        KeyPair pair = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
        byte[] publicKey = pair.publicKey().raw();
        byte[] signature = pair.sign(message).raw();
        byte[] signed = message.clone();
        switch (damage) {
            case NONE -> { }
            case MESSAGE -> {
                signed = Arrays.copyOf(message, message.length + 1);
                signed[bit % signed.length] ^= 1;
            }
            case SIGNATURE -> signature[bit / 8] ^= (byte) (1 << (bit % 8));
            case OTHER_KEY -> {
                byte[] otherSecret = Arrays.copyOf(noise, 32);
                otherSecret[0] = (byte) (secret[0] ^ 1); // jqwik's edge cases would otherwise repeat the secret
                publicKey = KeyPair.fromPrivateKey(SignatureScheme.ED25519, otherSecret).publicKey().raw();
            }
            case RANDOM_KEY -> publicKey = Arrays.copyOfRange(noise, 32, 64);
            case RANDOM_SIGNATURE -> signature = noise.clone();
        }

        boolean plain = Ed25519.verify(signature, 0, publicKey, 0, signed, 0, signed.length);
        PublicKey key = PublicKey.of(SignatureScheme.ED25519, publicKey);
        Signature sig = Signature.of(SignatureScheme.ED25519, signature);
        assertEquals(plain, Verifier.verify(key, signed, sig), "first (cold) verification");
        assertEquals(plain, Verifier.verify(key, signed, sig), "second (cached) verification");
        assertEquals(damage == Damage.NONE, plain, "only the honest case verifies");
    }

    @Property(tries = 500)
    void ed25519AnyBytesAsKeyNeverThrowAndAgree(@ForAll("edgyKeys") byte[] publicKey,
                                                @ForAll @Size(64) byte[] signature,
                                                @ForAll @Size(max = 64) byte[] message) {
        boolean plain = Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        PublicKey key = PublicKey.of(SignatureScheme.ED25519, publicKey);
        assertEquals(plain, Verifier.verify(key, message, Signature.of(SignatureScheme.ED25519, signature)));
    }

    /** Random bytes, plus the encodings that trip decoders: all zeros, all ones, y = 1, y = p - 1, y = p. */
    @Provide
    Arbitrary<byte[]> edgyKeys() {
        byte[] one = new byte[32];
        one[0] = 1;
        byte[] pMinusOne = HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        byte[] p = HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(32),
                Arbitraries.of(new byte[32], ones, one, pMinusOne, p).map(byte[]::clone));
    }

    @Property(tries = 30)
    void mlDsaCachedParametersAgreeWithPlainVerify(@ForAll @Size(32) byte[] seed,
                                                   @ForAll @Size(max = 100) byte[] message,
                                                   @ForAll Damage damage,
                                                   @ForAll @IntRange(min = 0, max = 3308 * 8) int bit) {
        KeyPair pair = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, seed);
        byte[] publicKey = pair.publicKey().raw();
        byte[] signature = pair.sign(message).raw();
        byte[] signed = message.clone();
        switch (damage) {
            case NONE -> { }
            case MESSAGE -> signed = Arrays.copyOf(message, message.length + 1);
            case SIGNATURE -> signature[bit / 8] ^= (byte) (1 << (bit % 8));
            case OTHER_KEY -> {
                byte[] otherSeed = seed.clone();
                otherSeed[0] ^= 1;
                publicKey = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, otherSeed).publicKey().raw();
            }
            case RANDOM_KEY -> publicKey[bit % publicKey.length] ^= 1;
            case RANDOM_SIGNATURE -> Arrays.fill(signature, (byte) bit);
        }

        MLDSASigner plainSigner = new MLDSASigner();
        plainSigner.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, publicKey));
        plainSigner.update(signed, 0, signed.length);
        boolean plain = plainSigner.verifySignature(signature);

        PublicKey key = PublicKey.of(SignatureScheme.ML_DSA_65, publicKey);
        Signature sig = Signature.of(SignatureScheme.ML_DSA_65, signature);
        assertEquals(plain, Verifier.verify(key, signed, sig), "first (cold) verification");
        assertEquals(plain, Verifier.verify(key, signed, sig), "second (cached) verification");
        assertEquals(damage == Damage.NONE, plain, "only the honest case verifies");
    }
}
