package org.fogledger.ledger.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    private static KeyPair key(SignatureScheme scheme) {
        return KeyPair.generate(scheme, new SignAndVerifyTest.SeededSecureRandom(42));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void privateKeyRoundTrips(SignatureScheme scheme) {
        KeyPair pair = key(scheme);
        String pem = Pem.writePrivateKey(pair);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        KeyPair read = Pem.readPrivateKey(pem);
        assertEquals(scheme, read.scheme());
        assertArrayEquals(pair.privateKey(), read.privateKey());
        assertEquals(pair.publicKey(), read.publicKey());
        byte[] message = {1, 2, 3};
        assertTrue(Verifier.verify(pair.publicKey(), message, read.sign(message)));
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void publicKeyRoundTrips(SignatureScheme scheme) {
        PublicKey key = key(scheme).publicKey();
        String pem = Pem.writePublicKey(key);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        assertEquals(key, Pem.readPublicKey(pem));
    }

    @Test
    void ed25519PrivateKeyIsTheRfc8410Version1Form() throws IOException {
        // Version 1 with no embedded public key: the form OpenSSL 3.0 reads (it refuses BC's version 2 form).
        KeyPair pair = key(SignatureScheme.ED25519);
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der(Pem.writePrivateKey(pair)));
        assertEquals(0, info.getVersion().intValueExact());
        assertEquals("1.3.101.112", info.getPrivateKeyAlgorithm().getAlgorithm().getId());
        assertEquals(null, info.getPrivateKeyAlgorithm().getParameters());
        assertArrayEquals(pair.privateKey(), DEROctetString.getInstance(info.parsePrivateKey()).getOctets());
        assertEquals(null, info.getPublicKeyData());
    }

    @Test
    void mlDsaPrivateKeyIsTheSeedForm() throws IOException {
        KeyPair pair = key(SignatureScheme.ML_DSA_65);
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der(Pem.writePrivateKey(pair)));
        assertEquals("2.16.840.1.101.3.4.3.18", info.getPrivateKeyAlgorithm().getAlgorithm().getId());
        // ML-DSA-PrivateKey ::= CHOICE { seed [0] IMPLICIT OCTET STRING (SIZE (32)), ... } (RFC 9881)
        ASN1TaggedObject seed = ASN1TaggedObject.getInstance(info.parsePrivateKey());
        assertEquals(0, seed.getTagNo());
        assertArrayEquals(pair.privateKey(), DEROctetString.getInstance(seed, false).getOctets());
    }

    @Test
    void mlDsaPrivateKeyInTheBothFormIsAccepted() throws IOException {
        KeyPair pair = key(SignatureScheme.ML_DSA_65);
        var both = org.bouncycastle.crypto.util.PrivateKeyInfoFactory.createPrivateKeyInfo(
                new org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters(
                        org.bouncycastle.crypto.params.MLDSAParameters.ml_dsa_65, pair.privateKey()));
        assertTrue(ASN1Sequence.getInstance(both.parsePrivateKey()).size() == 2, "BC's default is seed and expanded");
        assertEquals(pair.publicKey(), Pem.readPrivateKey(pem("PRIVATE KEY", both.getEncoded())).publicKey());
    }

    @Test
    void mlDsaPrivateKeyInExpandedOnlyFormIsRefusedBecauseItHasNoSeed() throws IOException {
        KeyPair pair = key(SignatureScheme.ML_DSA_65);
        var expanded = org.bouncycastle.crypto.util.PrivateKeyInfoFactory.createPrivateKeyInfo(
                new org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters(
                        org.bouncycastle.crypto.params.MLDSAParameters.ml_dsa_65, pair.privateKey())
                        .withPreferredFormat(org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters.EXPANDED_KEY));
        assertError("expanded-only", () -> Pem.readPrivateKey(pem("PRIVATE KEY", expanded.getEncoded())));
    }

    @Test
    void anOpensslGeneratedEd25519KeyIsRead() throws IOException {
        KeyPair pair = Pem.readPrivateKey(resource("openssl-ed25519.pem"));
        PublicKey expected = Pem.readPublicKey(resource("openssl-ed25519.pub.pem"));
        assertEquals(expected, pair.publicKey());

        // OpenSSL's signature of the message verifies here, and ours is byte-identical (Ed25519 is deterministic).
        byte[] message = resource("openssl-ed25519.msg").getBytes(US_ASCII);
        byte[] opensslSignature = HexFormat.of().parseHex(resource("openssl-ed25519.sig.hex").strip());
        Signature signature = Signature.of(SignatureScheme.ED25519, opensslSignature);
        assertTrue(Verifier.verify(expected, message, signature));
        assertEquals(signature, pair.sign(message));
    }

    @Test
    void opensslReadsOurEd25519Keys(@TempDir Path dir) throws Exception {
        assumeTrue(opensslAvailable(), "openssl is not installed");
        KeyPair pair = key(SignatureScheme.ED25519);
        Path privateFile = Files.writeString(dir.resolve("key.pem"), Pem.writePrivateKey(pair));
        Path publicFile = Files.writeString(dir.resolve("pub.pem"), Pem.writePublicKey(pair.publicKey()));

        String text = run("openssl", "pkey", "-in", privateFile.toString(), "-noout", "-text");
        assertTrue(text.contains("ED25519 Private-Key"), text);
        // openssl prints the public key it derived from our private key as colon-separated hex.
        assertTrue(text.replaceAll("[\\s:]", "").contains(HexFormat.of().formatHex(pair.publicKey().raw())), text);

        String derivedPublic = run("openssl", "pkey", "-in", privateFile.toString(), "-pubout");
        assertEquals(pair.publicKey(), Pem.readPublicKey(derivedPublic));
        String publicText = run("openssl", "pkey", "-pubin", "-in", publicFile.toString(), "-noout", "-text");
        assertTrue(publicText.contains("ED25519 Public-Key"), publicText);
    }

    @Test
    void textThatIsNotPemSaysSo() {
        assertError("not PEM", () -> Pem.readPrivateKey("hello"));
        assertError("not PEM", () -> Pem.readPublicKey(""));
        assertError("not PEM", () -> Pem.readPrivateKey("-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n"));
    }

    @Test
    void aBlockOfTheWrongTypeNamesBoth() {
        PublicKey key = key(SignatureScheme.ED25519).publicKey();
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(Pem.writePublicKey(key)));
        assertTrue(error.getMessage().contains("expected a PEM PRIVATE KEY block, found PUBLIC KEY"), error.getMessage());
        assertError("found EC PRIVATE KEY", () -> Pem.readPrivateKey(pem("EC PRIVATE KEY", new byte[] {1})));
    }

    @Test
    void garbageInsideTheBlockSaysWhichStructureIsBroken() {
        assertError("not a valid PKCS#8", () -> Pem.readPrivateKey(pem("PRIVATE KEY", new byte[] {0x30, 0x03, 1, 2, 3})));
        assertError("not a valid SubjectPublicKeyInfo", () -> Pem.readPublicKey(pem("PUBLIC KEY", new byte[] {5, 0})));
        assertError("empty", () -> Pem.readPublicKey(pem("PUBLIC KEY", new byte[0])));
    }

    @Test
    void anUnknownAlgorithmIsNamedByItsOid() throws IOException {
        ASN1ObjectIdentifier ed448 = new ASN1ObjectIdentifier("1.3.101.113");
        byte[] publicInfo = new SubjectPublicKeyInfo(new AlgorithmIdentifier(ed448), new byte[57]).getEncoded();
        assertError("unknown key algorithm OID 1.3.101.113", () -> Pem.readPublicKey(pem("PUBLIC KEY", publicInfo)));
        byte[] privateInfo = new PrivateKeyInfo(new AlgorithmIdentifier(ed448), new DEROctetString(new byte[57])).getEncoded();
        assertError("unknown key algorithm OID 1.3.101.113", () -> Pem.readPrivateKey(pem("PRIVATE KEY", privateInfo)));
    }

    @Test
    void aKeyOfTheWrongLengthSaysSo() throws IOException {
        AlgorithmIdentifier ed25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));
        byte[] shortPublic = new SubjectPublicKeyInfo(ed25519, new byte[31]).getEncoded();
        assertError("ED25519 public key must be 32 bytes, got 31", () -> Pem.readPublicKey(pem("PUBLIC KEY", shortPublic)));
        byte[] longPrivate = new PrivateKeyInfo(ed25519, new DEROctetString(new byte[33])).getEncoded();
        assertError("Ed25519 private key must be 32 bytes, got 33", () -> Pem.readPrivateKey(pem("PRIVATE KEY", longPrivate)));

        AlgorithmIdentifier mlDsa = new AlgorithmIdentifier(new ASN1ObjectIdentifier("2.16.840.1.101.3.4.3.18"));
        byte[] shortMlDsa = new SubjectPublicKeyInfo(mlDsa, new byte[1000]).getEncoded();
        assertError("ML_DSA_65 public key must be 1952 bytes, got 1000", () -> Pem.readPublicKey(pem("PUBLIC KEY", shortMlDsa)));
        byte[] badSeed = new PrivateKeyInfo(mlDsa, new DEROctetString(new byte[31])).getEncoded();
        assertError("ML-DSA-65 private key does not decode", () -> Pem.readPrivateKey(pem("PRIVATE KEY", badSeed)));
    }

    @Test
    void algorithmParametersAreRefused() throws IOException {
        AlgorithmIdentifier withNull = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"), DERNull.INSTANCE);
        byte[] info = new SubjectPublicKeyInfo(withNull, new byte[32]).getEncoded();
        assertError("must not carry parameters", () -> Pem.readPublicKey(pem("PUBLIC KEY", info)));
    }

    @Test
    void anEmbeddedPublicKeyMustMatchThePrivateKey() throws IOException {
        KeyPair pair = key(SignatureScheme.ED25519);
        KeyPair other = KeyPair.generate(SignatureScheme.ED25519, new SignAndVerifyTest.SeededSecureRandom(43));
        AlgorithmIdentifier ed25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));
        byte[] matching = new PrivateKeyInfo(ed25519, new DEROctetString(pair.privateKey()), null,
                pair.publicKey().raw()).getEncoded();
        assertEquals(pair.publicKey(), Pem.readPrivateKey(pem("PRIVATE KEY", matching)).publicKey());
        byte[] mismatched = new PrivateKeyInfo(ed25519, new DEROctetString(pair.privateKey()), null,
                other.publicKey().raw()).getEncoded();
        assertError("does not match", () -> Pem.readPrivateKey(pem("PRIVATE KEY", mismatched)));
    }

    private static void assertError(String expectedFragment, org.junit.jupiter.api.function.Executable parse) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(error.getMessage().contains(expectedFragment),
                "expected \"" + expectedFragment + "\" in: " + error.getMessage());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PemTest.class.getResourceAsStream("/crypto/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /crypto/" + name);
            }
            return new String(in.readAllBytes(), US_ASCII);
        }
    }

    private static boolean opensslAvailable() {
        try {
            run("openssl", "version");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), US_ASCII);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
