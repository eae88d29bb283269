package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {

    @Test
    void faultAndQuorumSizesFollowTheFormulas() {
        // n, f, quorum
        int[][] table = {
            {1, 0, 1}, {2, 0, 2}, {3, 0, 3}, {4, 1, 3}, {5, 1, 4}, {6, 1, 5}, {7, 2, 5}, {8, 2, 6},
            {10, 3, 7}, {13, 4, 9}, {100, 33, 67},
        };
        for (int[] row : table) {
            ValidatorSet set = new ValidatorSet(distinctKeys(row[0]));
            assertEquals(row[1], set.maxFaulty(), "f for n=" + row[0]);
            assertEquals(row[2], set.quorumSize(), "quorum for n=" + row[0]);
        }
    }

    /** Any two quorums share more than f members (so an honest one), and the honest alone form a quorum. */
    @Test
    void quorumsIntersectInAnHonestMemberAndHonestMembersSuffice() {
        for (int n = 1; n <= 200; n++) {
            int f = (n - 1) / 3;
            int q = n * 2 / 3 + 1;
            assertTrue(2 * q - n > f, "intersection n=" + n);
            assertTrue(q <= n - f, "liveness n=" + n);
        }
    }

    @Test
    void membershipAndLeaders() {
        ValidatorSet set = ChainFixtures.validators(4);
        assertEquals(4, set.size());
        assertTrue(set.contains(ChainFixtures.key(2).publicKey()));
        assertFalse(set.contains(ChainFixtures.key(6).publicKey()));
        assertEquals(2, set.indexOf(ChainFixtures.key(2).publicKey()));
        assertEquals(-1, set.indexOf(ChainFixtures.key(6).publicKey()));
        assertEquals(ChainFixtures.key(3).publicKey(), set.get(3));
        assertEquals(set.get(0), set.leaderFor(0));
        assertEquals(set.get(1), set.leaderFor(5));
        assertEquals(set.get(3), set.leaderFor(Long.MAX_VALUE));
    }

    @Test
    void membersAreDistinctAndTheSetIsNotEmpty() {
        PublicKey k = ChainFixtures.key(0).publicKey();
        assertThrows(IllegalArgumentException.class, () -> ValidatorSet.of(k, k));
        assertThrows(IllegalArgumentException.class, () -> new ValidatorSet(List.of()));
    }

    @Test
    void hashDependsOnOrder() {
        PublicKey a = ChainFixtures.key(0).publicKey();
        PublicKey b = ChainFixtures.key(1).publicKey();
        assertEquals(ValidatorSet.of(a, b).hash(), ValidatorSet.of(a, b).hash());
        assertNotEquals(ValidatorSet.of(a, b).hash(), ValidatorSet.of(b, a).hash());
    }

    @Test
    void decodingRefusesDuplicatesAndEmptySets() {
        PublicKey a = ChainFixtures.key(0).publicKey();
        byte[] bytes = ValidatorSet.of(a, ChainFixtures.key(1).publicKey()).encode();
        // Overwrite the second member with the first.
        System.arraycopy(bytes, 6, bytes, 6 + 33, 33);
        DecodingException dup = assertThrows(DecodingException.class,
                () -> ValidatorSet.decode(bytes, CodecLimits.DEFAULT));
        assertEquals("validatorSet.members[1]: duplicate of member 0 at offset 39", dup.getMessage());
        byte[] empty = {1, 8, 0, 0, 0, 0};
        DecodingException none = assertThrows(DecodingException.class,
                () -> ValidatorSet.decode(empty, CodecLimits.DEFAULT));
        assertEquals("validatorSet.members: a validator set needs at least one member at offset 2", none.getMessage());
    }

    private static List<PublicKey> distinctKeys(int n) {
        java.util.ArrayList<PublicKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(PublicKey.of(org.fogledger.ledger.crypto.SignatureScheme.ED25519,
                    ChainFixtures.hashOf("member-" + i).bytes()));
        }
        return keys;
    }
}
