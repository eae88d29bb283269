package org.fogledger.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8032 section 7.1, tests 1 and 2: secret key to public key to signature, byte for byte. */
class Rfc8032Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "RFC 8032 7.1 TEST {0}")
    @CsvSource({
        "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
            + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
            + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
            + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
            + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    })
    void vector(int test, String secretKey, String publicKey, String message, String signature) {
        KeyPair pair = KeyPair.fromPrivateKey(SignatureScheme.ED25519, HEX.parseHex(secretKey));
        byte[] m = HEX.parseHex(message);

        assertEquals(publicKey, HEX.formatHex(pair.publicKey().raw()));
        Signature signed = pair.sign(m);
        assertEquals(signature, HEX.formatHex(signed.raw()));

        PublicKey fromRfc = PublicKey.of(SignatureScheme.ED25519, HEX.parseHex(publicKey));
        assertTrue(Verifier.verify(fromRfc, m, Signature.of(SignatureScheme.ED25519, HEX.parseHex(signature))));
        assertFalse(Verifier.verify(fromRfc, new byte[] {1, 2, 3}, signed));
    }
}
