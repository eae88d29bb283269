package org.fogledger.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Sha256;
import org.junit.jupiter.api.Test;

class DomainTest {

    @Test
    void prefixesAreVersionedAsciiEndingInNul() {
        assertArrayEquals("FOGLEDGER/v1/vote\0".getBytes(StandardCharsets.US_ASCII), Domain.VOTE.prefix());
        assertArrayEquals("FOGLEDGER/v1/transaction\0".getBytes(StandardCharsets.US_ASCII),
                Domain.TRANSACTION.prefix());
        assertArrayEquals(new byte[] {0x00}, Domain.MERKLE_LEAF.prefix());
        assertArrayEquals(new byte[] {0x01}, Domain.MERKLE_NODE.prefix());
    }

    /** No prefix starts another, so prefix || body identifies its domain uniquely. */
    @Test
    void prefixesArePrefixFree() {
        for (Domain a : Domain.values()) {
            for (Domain b : Domain.values()) {
                if (a == b) {
                    continue;
                }
                byte[] pa = a.prefix();
                byte[] pb = b.prefix();
                boolean aStartsB = pa.length <= pb.length && Arrays.equals(pa, 0, pa.length, pb, 0, pa.length);
                assertFalse(aStartsB, a + " is a prefix of " + b);
            }
        }
    }

    @Test
    void hashIsSha256OfPrefixThenBody() {
        byte[] body = {1, 2, 3};
        assertEquals(Sha256.hash(Domain.RECEIPT.signingBytes(body)), Domain.RECEIPT.hash(body));
        assertArrayEquals(Domain.RECEIPT.prefix(),
                Arrays.copyOf(Domain.RECEIPT.signingBytes(body), Domain.RECEIPT.prefixLength()));
    }

    @Test
    void theSameBodyHashesDifferentlyInEveryDomain() {
        byte[] body = "same bytes".getBytes(StandardCharsets.UTF_8);
        Set<Hash> hashes = new HashSet<>();
        for (Domain domain : Domain.values()) {
            hashes.add(domain.hash(body));
        }
        assertEquals(Domain.values().length, hashes.size());
        assertNotEquals(Sha256.hash(body), Domain.TRANSACTION.hash(body));
    }

    @Test
    void prefixIsACopy() {
        byte[] prefix = Domain.VOTE.prefix();
        prefix[0] = 'X';
        assertEquals('F', Domain.VOTE.prefix()[0]);
    }
}
