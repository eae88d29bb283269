package org.fogledger.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hexRoundTrips() {
        Hash hash = Hash.fromHex(ABC);
        assertEquals(ABC, hash.hex());
        assertEquals(hash, Hash.fromHex(hash.hex()));
        assertEquals("ba7816bf", hash.shortHex());
        assertEquals(ABC, hash.toString());
    }

    @Test
    void fromHexAcceptsUpperCaseAndPrintsLowerCase() {
        assertEquals(ABC, Hash.fromHex(ABC.toUpperCase()).hex());
    }

    @Test
    void wrongLengthOrNonHexIsRejectedWithTheReason() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("abcd"));
        assertTrue(tooShort.getMessage().contains("32 bytes, got 2"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("zz".repeat(32)));
    }

    @Test
    void equalityIsByValueAndIndependentOfTheCallersArray() {
        byte[] bytes = Hash.fromHex(ABC).bytes();
        Hash hash = Hash.of(bytes);
        bytes[0] ^= 1;
        assertEquals(Hash.fromHex(ABC), hash);
        assertEquals(Hash.fromHex(ABC).hashCode(), hash.hashCode());
        assertNotEquals(Hash.of(bytes), hash);
        hash.bytes()[0] ^= 1;
        assertEquals(Hash.fromHex(ABC), hash);
    }

    @Test
    void orderIsUnsignedBytewise() {
        Hash low = Hash.fromHex("7f" + "00".repeat(31));
        Hash high = Hash.fromHex("80" + "00".repeat(31)); // negative as a signed byte
        Hash highest = Hash.fromHex("ff".repeat(32));
        List<Hash> hashes = new ArrayList<>(List.of(highest, high, Hash.ZERO, low));
        Collections.sort(hashes);
        assertEquals(List.of(Hash.ZERO, low, high, highest), hashes);
        assertEquals(0, low.compareTo(Hash.fromHex(low.hex())));
    }

    @Test
    void copyToWritesTheBytesAtTheOffset() {
        byte[] target = new byte[40];
        Hash.fromHex(ABC).copyTo(target, 5);
        byte[] slice = new byte[32];
        System.arraycopy(target, 5, slice, 0, 32);
        assertArrayEquals(Hash.fromHex(ABC).bytes(), slice);
    }
}
