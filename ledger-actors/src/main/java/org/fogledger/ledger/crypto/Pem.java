package org.fogledger.ledger.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Keys as standard PEM text, so operators can keep them in files and use ordinary tools on them: private keys as
 * PKCS#8 "PRIVATE KEY" (RFC 5958), public keys as X.509 SubjectPublicKeyInfo "PUBLIC KEY", with the standard
 * algorithm identifiers (Ed25519 1.3.101.112 per RFC 8410, ML-DSA-65 2.16.840.1.101.3.4.3.18 per RFC 9881).
 * ML-DSA private keys are written in the 32-byte seed form, the same bytes {@link KeyPair#privateKey()} holds.
 *
 * <p>Every parse error is an {@link IllegalArgumentException} that says what is wrong, because the usual reader
 * of the message is a person who handed the wrong file to {@code fogctl}.
 */
public final class Pem {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private static final ASN1ObjectIdentifier ED25519 = EdECObjectIdentifiers.id_Ed25519;
    private static final ASN1ObjectIdentifier ML_DSA_65 = NISTObjectIdentifiers.id_ml_dsa_65;

    private Pem() {
    }

    /** The private key as a PKCS#8 "PRIVATE KEY" PEM block. */
    public static String writePrivateKey(KeyPair keyPair) {
        byte[] secret = keyPair.privateKey();
        try {
            PrivateKeyInfo info = switch (keyPair.scheme()) {
                // Version 1 (no embedded public key), written by hand: BC's PrivateKeyInfoFactory writes the
                // version 2 form with the public key, which OpenSSL 3.0 refuses to load ("unsupported").
                case ED25519 -> new PrivateKeyInfo(new AlgorithmIdentifier(ED25519), new DEROctetString(secret));
                // The seed alone ([0] IMPLICIT OCTET STRING): the smallest form, the one KeyPair keeps, and
                // the one RFC 9881 recommends exchanging.
                case ML_DSA_65 -> PrivateKeyInfoFactory.createPrivateKeyInfo(
                        new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, secret)
                                .withPreferredFormat(MLDSAPrivateKeyParameters.SEED_ONLY));
            };
            return write(PRIVATE_KEY, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + keyPair.scheme() + " private key", e);
        }
    }

    /** The public key as an X.509 SubjectPublicKeyInfo "PUBLIC KEY" PEM block. */
    public static String writePublicKey(PublicKey publicKey) {
        SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(oid(publicKey.scheme())), publicKey.rawUnsafe());
        try {
            return write(PUBLIC_KEY, info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + publicKey.scheme() + " public key", e);
        }
    }

    /** Reads a PKCS#8 "PRIVATE KEY" PEM block (ours, or one from {@code openssl genpkey}). */
    public static KeyPair readPrivateKey(String pem) {
        byte[] der = read(pem, PRIVATE_KEY);
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PRIVATE KEY is not a valid PKCS#8 PrivateKeyInfo: " + e.getMessage(), e);
        }
        SignatureScheme scheme = scheme(info.getPrivateKeyAlgorithm());
        KeyPair keyPair = switch (scheme) {
            case ED25519 -> KeyPair.fromPrivateKey(scheme, ed25519Secret(info));
            case ML_DSA_65 -> KeyPair.fromPrivateKey(scheme, mlDsaSeed(info));
        };
        // A PKCS#8 v2 (OneAsymmetricKey) may carry the public key too; a mismatch means a corrupt or forged file.
        if (info.getPublicKeyData() != null) {
            byte[] embedded = info.getPublicKeyData().getOctets();
            if (!Arrays.equals(embedded, keyPair.publicKey().rawUnsafe())) {
                throw new IllegalArgumentException(
                        "PRIVATE KEY carries a public key that does not match its " + scheme + " private key");
            }
        }
        return keyPair;
    }

    /** Reads an X.509 SubjectPublicKeyInfo "PUBLIC KEY" PEM block. */
    public static PublicKey readPublicKey(String pem) {
        byte[] der = read(pem, PUBLIC_KEY);
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PUBLIC KEY is not a valid SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        SignatureScheme scheme = scheme(info.getAlgorithm());
        if (info.getPublicKeyData().getPadBits() != 0) {
            throw new IllegalArgumentException(scheme + " public key bit string is not a whole number of bytes");
        }
        byte[] raw = info.getPublicKeyData().getOctets();
        if (raw.length != scheme.publicKeyLength()) {
            throw new IllegalArgumentException(
                    scheme + " public key must be " + scheme.publicKeyLength() + " bytes, got " + raw.length);
        }
        return PublicKey.of(scheme, raw);
    }

    private static byte[] ed25519Secret(PrivateKeyInfo info) {
        ASN1Encodable key;
        try {
            key = info.parsePrivateKey();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Ed25519 private key is not a DER OCTET STRING: " + e.getMessage(), e);
        }
        if (!(key instanceof ASN1OctetString octets)) {
            throw new IllegalArgumentException("Ed25519 private key is not an OCTET STRING (RFC 8410 CurvePrivateKey)");
        }
        byte[] secret = octets.getOctets();
        if (secret.length != SignatureScheme.ED25519.publicKeyLength()) {
            throw new IllegalArgumentException("Ed25519 private key must be 32 bytes, got " + secret.length);
        }
        return secret;
    }

    private static byte[] mlDsaSeed(PrivateKeyInfo info) {
        MLDSAPrivateKeyParameters parameters;
        try {
            // BC decodes all three RFC 9881 forms (seed, expanded key, both) and checks "both" for consistency.
            parameters = (MLDSAPrivateKeyParameters) PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("ML-DSA-65 private key does not decode: " + e.getMessage(), e);
        }
        byte[] seed = parameters.getSeed();
        if (seed == null) {
            // An expanded key cannot be turned back into its seed, and the seed is what KeyPair keeps.
            throw new IllegalArgumentException(
                    "ML-DSA-65 private key is in expanded-only form; only keys with a seed are supported");
        }
        return seed;
    }

    private static SignatureScheme scheme(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        SignatureScheme scheme;
        if (ED25519.equals(oid)) {
            scheme = SignatureScheme.ED25519;
        } else if (ML_DSA_65.equals(oid)) {
            scheme = SignatureScheme.ML_DSA_65;
        } else {
            throw new IllegalArgumentException("unknown key algorithm OID " + oid.getId()
                    + " (expected Ed25519 " + ED25519.getId() + " or ML-DSA-65 " + ML_DSA_65.getId() + ")");
        }
        // RFC 8410 and RFC 9881 both say the parameters MUST be absent.
        if (algorithm.getParameters() != null) {
            throw new IllegalArgumentException(scheme + " algorithm identifier must not carry parameters");
        }
        return scheme;
    }

    private static ASN1ObjectIdentifier oid(SignatureScheme scheme) {
        return switch (scheme) {
            case ED25519 -> ED25519;
            case ML_DSA_65 -> ML_DSA_65;
        };
    }

    private static String write(String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        }
        return text.toString();
    }

    /** The DER bytes of the single PEM block of the expected type in {@code pem}. */
    private static byte[] read(String pem, String expectedType) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not PEM: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("not PEM: no -----BEGIN " + expectedType + "----- block found");
        }
        if (!expectedType.equals(object.getType())) {
            throw new IllegalArgumentException("expected a PEM " + expectedType + " block, found " + object.getType());
        }
        if (object.getContent().length == 0) {
            throw new IllegalArgumentException("PEM " + expectedType + " block is empty");
        }
        return object.getContent();
    }
}
