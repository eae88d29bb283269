package org.fogledger.ledger.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** FIPS 180-2 / NIST example vectors, and the equivalence of the three entry points. */
class Sha256Test {

    @Test
    void knownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Sha256.hash(new byte[0]).hex());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hash("abc".getBytes(US_ASCII)).hex());
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Sha256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(US_ASCII)).hex());
    }

    @Test
    void aMillionAs() {
        byte[] data = "a".repeat(1_000_000).getBytes(US_ASCII);
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.hash(data).hex());
    }

    @Test
    void rangeAndPartsHashTheSameBytesAsTheWhole() {
        byte[] whole = "the quick brown fox".getBytes(US_ASCII);
        byte[] padded = ("xx" + "the quick brown fox" + "yyy").getBytes(US_ASCII);
        Hash expected = Sha256.hash(whole);
        assertEquals(expected, Sha256.hash(padded, 2, whole.length));
        assertEquals(expected, Sha256.hash("the ".getBytes(US_ASCII), new byte[0], "quick brown fox".getBytes(US_ASCII)));
        assertEquals(Sha256.hash(new byte[0]), Sha256.hash(new byte[0][]));
    }
}
