package org.fogledger.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Sha256;
import org.junit.jupiter.api.Test;

/** RFC 6962 structure, inclusion proofs, and the second-preimage defence. */
class MerkleTreeTest {

    private static List<Hash> leaves(int n) {
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(ChainFixtures.hashOf("leaf-" + i));
        }
        return leaves;
    }

    private static Hash leaf(Hash h) {
        return Sha256.hash(new byte[] {0x00}, h.bytes());
    }

    private static Hash node(Hash left, Hash right) {
        return Sha256.hash(new byte[] {0x01}, left.bytes(), right.bytes());
    }

    /** RFC 6962 section 2.1 MTH, written the way the RFC states it (recursive split), as the reference. */
    private static Hash referenceRoot(List<Hash> d) {
        int n = d.size();
        if (n == 0) {
            return Sha256.hash(new byte[0]);
        }
        if (n == 1) {
            return leaf(d.get(0));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return node(referenceRoot(d.subList(0, k)), referenceRoot(d.subList(k, n)));
    }

    @Test
    void emptyTreeIsSha256OfNothing() {
        assertEquals(Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                MerkleTree.root(List.of()));
    }

    @Test
    void smallTreesHaveTheRfc6962Shape() {
        List<Hash> d = leaves(7);
        Hash l0 = leaf(d.get(0)), l1 = leaf(d.get(1)), l2 = leaf(d.get(2)), l3 = leaf(d.get(3));
        Hash l4 = leaf(d.get(4)), l5 = leaf(d.get(5)), l6 = leaf(d.get(6));
        assertEquals(l0, MerkleTree.root(d.subList(0, 1)));
        assertEquals(node(l0, l1), MerkleTree.root(d.subList(0, 2)));
        // Three leaves split 2 + 1: the lone leaf is not duplicated (unlike Bitcoin's tree).
        assertEquals(node(node(l0, l1), l2), MerkleTree.root(d.subList(0, 3)));
        assertEquals(node(node(l0, l1), node(l2, l3)), MerkleTree.root(d.subList(0, 4)));
        assertEquals(node(node(node(l0, l1), node(l2, l3)), l4), MerkleTree.root(d.subList(0, 5)));
        assertEquals(node(node(node(l0, l1), node(l2, l3)), node(l4, l5)), MerkleTree.root(d.subList(0, 6)));
        assertEquals(node(node(node(l0, l1), node(l2, l3)), node(node(l4, l5), l6)), MerkleTree.root(d));
    }

    @Test
    void rootMatchesTheRecursiveDefinitionForManySizes() {
        List<Hash> d = leaves(300);
        for (int n = 0; n <= 300; n++) {
            assertEquals(referenceRoot(d.subList(0, n)), MerkleTree.root(d.subList(0, n)), "n=" + n);
        }
    }

    @Test
    void everyProofVerifiesForOneToTwentyFourLeaves() {
        for (int n = 1; n <= 24; n++) {
            List<Hash> d = leaves(n);
            Hash root = MerkleTree.root(d);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.proof(d, i);
                assertTrue(proof.verify(d.get(i), root), "n=" + n + " i=" + i);
                assertEquals(n, proof.treeSize());
                assertEquals(i, proof.leafIndex());
            }
        }
    }

    @Test
    void proofPathIsDeepestSiblingFirst() {
        List<Hash> d = leaves(5);
        Hash l0 = leaf(d.get(0)), l1 = leaf(d.get(1)), l2 = leaf(d.get(2)), l3 = leaf(d.get(3));
        // RFC 6962 2.1.1: PATH(0, D[5]) = PATH(0, D[0:4]) : MTH(D[4:5]) = [l1, node(l2,l3), l4].
        assertEquals(List.of(l1, node(l2, l3), leaf(d.get(4))), MerkleTree.proof(d, 0).path());
        // The last leaf of 5 has one sibling: the root of the first four.
        assertEquals(List.of(node(node(l0, l1), node(l2, l3))), MerkleTree.proof(d, 4).path());
    }

    @Test
    void aProofFailsForTheWrongLeafIndexRootOrSize() {
        for (int n = 1; n <= 20; n++) {
            List<Hash> d = leaves(n);
            Hash root = MerkleTree.root(d);
            Hash stranger = ChainFixtures.hashOf("not a leaf");
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.proof(d, i);
                assertFalse(proof.verify(stranger, root), "wrong leaf n=" + n + " i=" + i);
                assertFalse(proof.verify(d.get(i), stranger), "wrong root n=" + n + " i=" + i);
                if (n > 1) {
                    int other = (i + 1) % n;
                    assertFalse(proof.verify(d.get(other), root), "other leaf n=" + n + " i=" + i);
                    MerkleProof moved = new MerkleProof(other, n, proof.path());
                    assertFalse(moved.verify(d.get(i), root), "wrong index n=" + n + " i=" + i);
                }
                MerkleProof bigger = new MerkleProof(i, n + 1, proof.path());
                assertFalse(bigger.verify(d.get(i), MerkleTree.root(leaves(n + 1))), "wrong size n=" + n);
                if (!proof.path().isEmpty()) {
                    List<Hash> shorter = proof.path().subList(0, proof.path().size() - 1);
                    assertFalse(new MerkleProof(i, n, shorter).verify(d.get(i), root), "short path n=" + n);
                }
                List<Hash> longer = new ArrayList<>(proof.path());
                longer.add(stranger);
                assertFalse(new MerkleProof(i, n, longer).verify(d.get(i), root), "long path n=" + n);
            }
        }
    }

    /**
     * The classic attack on unprefixed trees: present an interior node as a leaf of a smaller tree. With the
     * 0x00/0x01 prefixes a leaf is hashed differently from a node, so it fails.
     */
    @Test
    void anInteriorNodePresentedAsALeafFails() {
        List<Hash> d = leaves(4);
        Hash root = MerkleTree.root(d);
        Hash left = node(leaf(d.get(0)), leaf(d.get(1)));
        Hash right = node(leaf(d.get(2)), leaf(d.get(3)));
        // Without leaf/node separation, "left" would be leaf 0 of a 2-leaf tree with sibling "right"...
        assertEquals(root, node(left, right));
        // ...but as a leaf it is hashed with 0x00 first, so the forged proof fails.
        assertFalse(new MerkleProof(0, 2, List.of(right)).verify(left, root));
        assertFalse(new MerkleProof(1, 2, List.of(left)).verify(right, root));
    }

    @Test
    void aProofForAnIndexOutsideTheTreeCannotBeMade() {
        assertThrows(IndexOutOfBoundsException.class, () -> MerkleTree.proof(leaves(3), 3));
        assertThrows(IllegalArgumentException.class, () -> new MerkleProof(3, 3, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MerkleProof(0, 0, List.of()));
    }

    @Test
    void proofsOfLargeTreesVerify() {
        List<Hash> d = leaves(1000);
        Hash root = MerkleTree.root(d);
        for (int i : new int[] {0, 1, 511, 512, 767, 998, 999}) {
            MerkleProof proof = MerkleTree.proof(d, i);
            assertTrue(proof.verify(d.get(i), root), "i=" + i);
            assertEquals(proof, MerkleProof.decode(proof.encode()));
        }
    }

    /** 1000 roots of 1000 leaves is about two million SHA-256 calls: well under the bound unless something is off. */
    @Test
    void rootOfAThousandLeavesIsFast() {
        List<Hash> d = leaves(1000);
        Hash expected = referenceRoot(d);
        assertTimeout(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 1000; i++) {
                assertEquals(expected, MerkleTree.root(d));
            }
        });
    }

    @Test
    void leavesAreNotModified() {
        List<Hash> d = leaves(9);
        List<Hash> copy = new ArrayList<>(d);
        MerkleTree.root(d);
        MerkleTree.proof(d, 4);
        assertEquals(copy, d);
        assertTrue(Arrays.equals(copy.toArray(), d.toArray()));
    }
}
