package org.fogledger.ledger.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignAndVerifyTest {
    private static final byte[] MESSAGE = "transfer 10 tokens from device 7 to hospital 3".getBytes(UTF_8);

    /** Seeded, so a failure reproduces; keys made from it are test keys only. */
    private static KeyPair key(SignatureScheme scheme, long seed) {
        return KeyPair.generate(scheme, new SeededSecureRandom(seed));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aSignatureVerifiesUnderItsKey(SignatureScheme scheme) {
        KeyPair pair = key(scheme, 1);
        Signature signature = pair.sign(MESSAGE);
        assertEquals(scheme, signature.scheme());
        assertEquals(scheme.signatureLength(), signature.raw().length);
        assertEquals(scheme.publicKeyLength(), pair.publicKey().raw().length);
        assertTrue(Verifier.verify(pair.publicKey(), MESSAGE, signature));
        assertTrue(Verifier.verify(pair.publicKey(), new byte[0], pair.sign(new byte[0])));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aTamperedMessageFails(SignatureScheme scheme) {
        KeyPair pair = key(scheme, 2);
        Signature signature = pair.sign(MESSAGE);
        for (int i : new int[] {0, MESSAGE.length / 2, MESSAGE.length - 1}) {
            byte[] tampered = MESSAGE.clone();
            tampered[i] ^= 0x01;
            assertFalse(Verifier.verify(pair.publicKey(), tampered, signature), "flipped message byte " + i);
        }
        assertFalse(Verifier.verify(pair.publicKey(), Arrays.copyOf(MESSAGE, MESSAGE.length + 1), signature));
        assertFalse(Verifier.verify(pair.publicKey(), Arrays.copyOf(MESSAGE, MESSAGE.length - 1), signature));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aTamperedSignatureFails(SignatureScheme scheme) {
        KeyPair pair = key(scheme, 3);
        byte[] raw = pair.sign(MESSAGE).raw();
        for (int i : new int[] {0, 31, 32, raw.length / 2, raw.length - 1}) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x40;
            assertFalse(Verifier.verify(pair.publicKey(), MESSAGE, Signature.of(scheme, tampered)), "flipped byte " + i);
        }
        assertFalse(Verifier.verify(pair.publicKey(), MESSAGE, Signature.of(scheme, new byte[raw.length])));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void anotherKeysSignatureFails(SignatureScheme scheme) {
        KeyPair signer = key(scheme, 4);
        KeyPair other = key(scheme, 5);
        assertFalse(Verifier.verify(other.publicKey(), MESSAGE, signer.sign(MESSAGE)));
    }

    @Test
    void aSignatureOfTheOtherSchemeNeverVerifies() {
        KeyPair ed = key(SignatureScheme.ED25519, 6);
        KeyPair ml = key(SignatureScheme.ML_DSA_65, 6);
        assertFalse(Verifier.verify(ed.publicKey(), MESSAGE, ml.sign(MESSAGE)));
        assertFalse(Verifier.verify(ml.publicKey(), MESSAGE, ed.sign(MESSAGE)));
        // Same bytes, relabelled: the tag is part of what is checked, not a hint.
        byte[] edRaw = ed.sign(MESSAGE).raw();
        assertFalse(Verifier.verify(ed.publicKey(), MESSAGE, Signature.wrap(SignatureScheme.ML_DSA_65, edRaw)));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aSignatureOfTheWrongLengthFailsRatherThanThrows(SignatureScheme scheme) {
        KeyPair pair = key(scheme, 7);
        byte[] raw = pair.sign(MESSAGE).raw();
        // Signature.of refuses such lengths; wrap (package-private) lets a malformed one reach the verifier.
        assertFalse(Verifier.verify(pair.publicKey(), MESSAGE, Signature.wrap(scheme, Arrays.copyOf(raw, raw.length - 1))));
        assertFalse(Verifier.verify(pair.publicKey(), MESSAGE, Signature.wrap(scheme, Arrays.copyOf(raw, raw.length + 1))));
        assertFalse(Verifier.verify(pair.publicKey(), MESSAGE, Signature.wrap(scheme, new byte[0])));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Signature.of(scheme, Arrays.copyOf(raw, raw.length - 1)));
        assertTrue(error.getMessage().contains(scheme.signatureLength() + " bytes"), error.getMessage());
    }

    @Test
    void anEd25519KeyThatIsNotAPointFailsRatherThanThrows() {
        KeyPair pair = key(SignatureScheme.ED25519, 8);
        Signature signature = pair.sign(MESSAGE);
        // y = 2 is not the y-coordinate of any curve point; y = p is a non-canonical encoding of 0.
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        byte[] nonCanonical = HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        for (byte[] raw : new byte[][] {notOnCurve, nonCanonical, new byte[32]}) {
            PublicKey bad = PublicKey.of(SignatureScheme.ED25519, raw);
            assertFalse(Verifier.verify(bad, MESSAGE, signature));
            assertSame(VerificationKey.Rejecting.INSTANCE, bad.verificationKey());
        }
    }

    @Test
    void theIdentityKeyCannotBeUsedForAUniversalForgery() {
        // With A = identity, R = identity and S = 0, the cofactorless equation [S]B = R + [k]A holds for every
        // message; a verifier that accepts small-order keys would accept this "signature" of anything.
        byte[] identity = new byte[32];
        identity[0] = 1;
        byte[] forged = new byte[64];
        forged[0] = 1;
        PublicKey weak = PublicKey.of(SignatureScheme.ED25519, identity);
        assertFalse(Verifier.verify(weak, MESSAGE, Signature.of(SignatureScheme.ED25519, forged)));
        assertFalse(Verifier.verify(weak, new byte[0], Signature.of(SignatureScheme.ED25519, forged)));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signingIsDeterministic(SignatureScheme scheme) {
        // True for Ed25519 by RFC 8032, and for ML-DSA because KeyPair signs with no random source, which BC's
        // MLDSASigner takes as the FIPS 204 deterministic variant (rnd = 32 zero bytes).
        KeyPair pair = key(scheme, 9);
        KeyPair rebuilt = KeyPair.fromPrivateKey(scheme, pair.privateKey());
        assertEquals(pair.sign(MESSAGE), pair.sign(MESSAGE));
        assertEquals(pair.sign(MESSAGE), rebuilt.sign(MESSAGE));
        assertNotEquals(pair.sign(MESSAGE), pair.sign(new byte[] {1}));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aKeyPairIsRebuiltFromItsPrivateKey(SignatureScheme scheme) {
        KeyPair pair = key(scheme, 10);
        assertEquals(32, pair.privateKey().length);
        KeyPair rebuilt = KeyPair.fromPrivateKey(scheme, pair.privateKey());
        assertEquals(pair.publicKey(), rebuilt.publicKey());
        assertArrayEquals(pair.privateKey(), rebuilt.privateKey());
        assertEquals(pair.publicKey(), key(scheme, 10).publicKey(), "same randomness, same key");
        assertNotEquals(pair.publicKey(), key(scheme, 11).publicKey());
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void aPrivateKeyOfTheWrongLengthIsRejected(SignatureScheme scheme) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KeyPair.fromPrivateKey(scheme, new byte[31]));
        assertTrue(error.getMessage().contains("32 bytes, got 31"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void keyIdIsTheSha256OfTagThenRawKey(SignatureScheme scheme) {
        PublicKey key = key(scheme, 12).publicKey();
        byte[] raw = key.raw();
        assertEquals(Sha256.hash(new byte[] {(byte) scheme.tag()}, raw), key.keyId());
        byte[] encoded = key.encoded();
        assertEquals(scheme.tag(), encoded[0]);
        assertArrayEquals(raw, Arrays.copyOfRange(encoded, 1, encoded.length));
        assertEquals(Sha256.hash(encoded), key.keyId());
        assertEquals(key, PublicKey.fromEncoded(encoded));
    }

    @Test
    void theSchemeTagsAreStable() {
        // Written into every stored key and signature: changing one would orphan the ledger's history.
        assertEquals(1, SignatureScheme.ED25519.tag());
        assertEquals(2, SignatureScheme.ML_DSA_65.tag());
        assertEquals(SignatureScheme.ML_DSA_65, SignatureScheme.fromTag(2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SignatureScheme.fromTag(9));
        assertTrue(error.getMessage().contains("9"));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.fromEncoded(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PublicKey.fromEncoded(new byte[] {1, 2, 3}));
    }

    @Test
    void aKeyIsParsedForVerificationOnceAndKept() {
        KeyPair pair = key(SignatureScheme.ML_DSA_65, 13);
        PublicKey key = pair.publicKey();
        VerificationKey first = key.verificationKey();
        assertTrue(Verifier.verify(key, MESSAGE, pair.sign(MESSAGE)));
        assertSame(first, key.verificationKey());
        assertTrue(first instanceof VerificationKey.MlDsa65);
        assertTrue(key(SignatureScheme.ED25519, 13).publicKey().verificationKey() instanceof VerificationKey.Ed25519Point);
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        KeyPair pair = key(SignatureScheme.ED25519, 14);
        String privateHex = HexFormat.of().formatHex(pair.privateKey());
        assertFalse(pair.toString().contains(privateHex.substring(0, 8)));
        assertTrue(pair.toString().contains("ED25519"));
    }

    @Test
    void defaultGenerationMakesDistinctEd25519Keys() {
        KeyPair a = KeyPair.generate();
        KeyPair b = KeyPair.generate();
        assertEquals(SignatureScheme.ED25519, a.scheme());
        assertNotEquals(a.publicKey(), b.publicKey());
    }

    /** A SecureRandom that is not: reproducible bytes for tests. */
    static final class SeededSecureRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Random random;

        SeededSecureRandom(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            random.nextBytes(bytes);
        }
    }
}
