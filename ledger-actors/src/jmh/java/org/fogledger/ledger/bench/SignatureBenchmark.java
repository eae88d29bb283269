package org.fogledger.ledger.bench;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.crypto.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verification of one 200-byte message (about a transaction's signing bytes with a 100-byte payload)
 * for each scheme, through the project's API ({@link KeyPair#sign}, {@link Verifier#verify}), plus the Ed25519
 * alternatives we did not choose:
 * <ul>
 *   <li>{@code ed25519Verify}: {@link Verifier} on a {@link PublicKey} whose point was decoded once and cached
 *       (the path a validator takes for keys it sees repeatedly);</li>
 *   <li>{@code ed25519VerifyUncachedKey}: a fresh {@link PublicKey} per call, so the point is decoded and validated
 *       every time (a key seen once);</li>
 *   <li>{@code ed25519VerifyBcPlain}: Bouncy Castle's byte-array verify, which decodes the key on every call;</li>
 *   <li>{@code ed25519VerifyJdk} / {@code ed25519SignJdk}: the JDK's own {@code Ed25519} (SunEC), one
 *       {@link java.security.Signature} object reused across calls.</li>
 * </ul>
 * Keys and message are fixed, and setup checks that every verifier accepts the signature, so no row measures a
 * fast rejection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SignatureBenchmark {
    private static final int MESSAGE_LENGTH = 200;
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): 30 2a 30 05 06 03 2b 65 70 03 21 00. */
    private static final byte[] X509_ED25519_PREFIX = {
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410) holding the 32-byte secret. */
    private static final byte[] PKCS8_ED25519_PREFIX = {
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    private byte[] message;

    private KeyPair ed25519;
    private PublicKey ed25519Public;
    private Signature ed25519Signature;
    private byte[] ed25519PublicRaw;
    private byte[] ed25519SignatureRaw;

    private KeyPair mlDsa65;
    private PublicKey mlDsa65Public;
    private Signature mlDsa65Signature;

    private java.security.Signature jdkVerifier;
    private java.security.Signature jdkSigner;

    @Setup
    public void setUp() throws Exception {
        Random random = new Random(20240601L);
        message = new byte[MESSAGE_LENGTH];
        random.nextBytes(message);

        byte[] edSecret = new byte[32];
        random.nextBytes(edSecret);
        ed25519 = KeyPair.fromPrivateKey(SignatureScheme.ED25519, edSecret);
        ed25519Public = ed25519.publicKey();
        ed25519Signature = ed25519.sign(message);
        ed25519PublicRaw = ed25519Public.raw();
        ed25519SignatureRaw = ed25519Signature.raw();

        byte[] mlSeed = new byte[32];
        random.nextBytes(mlSeed);
        mlDsa65 = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, mlSeed);
        mlDsa65Public = mlDsa65.publicKey();
        mlDsa65Signature = mlDsa65.sign(message);

        KeyFactory keyFactory = KeyFactory.getInstance("Ed25519");
        java.security.PublicKey jdkPublic =
                keyFactory.generatePublic(new X509EncodedKeySpec(concat(X509_ED25519_PREFIX, ed25519PublicRaw)));
        java.security.PrivateKey jdkPrivate =
                keyFactory.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_ED25519_PREFIX, edSecret)));
        jdkVerifier = java.security.Signature.getInstance("Ed25519");
        jdkVerifier.initVerify(jdkPublic);
        jdkSigner = java.security.Signature.getInstance("Ed25519");
        jdkSigner.initSign(jdkPrivate);

        // Every row must measure a successful operation on the same key, message and signature.
        check("Verifier Ed25519", Verifier.verify(ed25519Public, message, ed25519Signature));
        check("Verifier Ed25519 uncached",
                Verifier.verify(PublicKey.of(SignatureScheme.ED25519, ed25519PublicRaw), message, ed25519Signature));
        check("BC plain Ed25519", Ed25519.verify(ed25519SignatureRaw, 0, ed25519PublicRaw, 0, message, 0,
                message.length));
        check("JDK Ed25519 verify", ed25519VerifyJdk());
        // Ed25519 is deterministic: the JDK must produce the very signature BC produced.
        check("JDK Ed25519 sign", Arrays.equals(ed25519SignJdk(), ed25519SignatureRaw));
        check("Verifier ML-DSA-65", Verifier.verify(mlDsa65Public, message, mlDsa65Signature));
    }

    @Benchmark
    public Signature ed25519Sign() {
        return ed25519.sign(message);
    }

    @Benchmark
    public byte[] ed25519SignJdk() throws Exception {
        jdkSigner.update(message);
        return jdkSigner.sign();
    }

    @Benchmark
    public boolean ed25519Verify() {
        return Verifier.verify(ed25519Public, message, ed25519Signature);
    }

    @Benchmark
    public boolean ed25519VerifyUncachedKey() {
        return Verifier.verify(PublicKey.of(SignatureScheme.ED25519, ed25519PublicRaw), message, ed25519Signature);
    }

    @Benchmark
    public boolean ed25519VerifyBcPlain() {
        return Ed25519.verify(ed25519SignatureRaw, 0, ed25519PublicRaw, 0, message, 0, message.length);
    }

    @Benchmark
    public boolean ed25519VerifyJdk() throws Exception {
        jdkVerifier.update(message);
        return jdkVerifier.verify(ed25519SignatureRaw);
    }

    @Benchmark
    public Signature mlDsa65Sign() {
        return mlDsa65.sign(message);
    }

    @Benchmark
    public boolean mlDsa65Verify() {
        return Verifier.verify(mlDsa65Public, message, mlDsa65Signature);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new IllegalStateException(what + " rejected the benchmark signature");
        }
    }
}
