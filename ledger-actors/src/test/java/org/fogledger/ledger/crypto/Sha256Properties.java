package org.fogledger.ledger.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** The JDK digest behind {@link Sha256} agrees with Bouncy Castle's, which it replaced for speed. */
class Sha256Properties {

    @Property
    void agreesWithBouncyCastle(@ForAll @Size(max = 3000) byte[] data) {
        SHA256Digest bc = new SHA256Digest();
        bc.update(data, 0, data.length);
        byte[] expected = new byte[32];
        bc.doFinal(expected, 0);
        assertEquals(Hash.of(expected), Sha256.hash(data));
    }

    @Property
    void anySplitIntoPartsHashesLikeTheWhole(@ForAll @Size(max = 300) byte[] data,
                                            @ForAll @IntRange(min = 0, max = 300) int cut) {
        int at = Math.min(cut, data.length);
        byte[] head = java.util.Arrays.copyOfRange(data, 0, at);
        byte[] tail = java.util.Arrays.copyOfRange(data, at, data.length);
        assertEquals(Sha256.hash(data), Sha256.hash(head, tail));
        assertEquals(Sha256.hash(tail), Sha256.hash(data, at, data.length - at));
    }
}
