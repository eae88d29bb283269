package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.Hash;
import org.junit.jupiter.api.Test;

class MerklePathTest {

    private static List<Hash> leaves(int n) {
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(TraceFixtures.hash("leaf " + i));
        }
        return leaves;
    }

    @Test
    void aPathOfSidesLeadsToTheSameRootAsTheRfc6962Proof() {
        for (int n = 1; n <= 40; n++) {
            List<Hash> leaves = leaves(n);
            Hash root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleTree.proof(leaves, i);
                MerklePath path = MerklePath.of(proof);
                assertEquals(root, path.rootFrom(leaves.get(i)), "leaf " + i + " of " + n);
                assertEquals(proof.path().size(), MerklePath.sides(i, n).size());
                assertNotEquals(root, path.rootFrom(leaves.get((i + 1) % n).equals(leaves.get(i))
                        ? TraceFixtures.hash("x") : leaves.get((i + 1) % n)), "leaf " + i + " of " + n);
            }
        }
    }

    @Test
    void theTreeSizeOfAnRfc6962ProofIsNotPinnedByItsPath() {
        // Why block-level paths carry sides and no size: the proof of leaf 0 in a tree of 4 also verifies as a
        // proof in a tree of 3, so a size nothing signs could be changed and the proof would still verify.
        List<Hash> leaves = leaves(4);
        Hash root = MerkleTree.root(leaves);
        MerkleProof real = MerkleTree.proof(leaves, 0);
        MerkleProof resized = new MerkleProof(0, 3, real.path());
        assertTrue(real.verify(leaves.get(0), root));
        assertTrue(resized.verify(leaves.get(0), root));
        assertEquals(MerklePath.of(real), MerklePath.of(resized), "both say the same thing as sides");
    }

    @Test
    void aProofWhosePathDoesNotFitItsIndexAndSizeIsRefused() {
        List<Hash> leaves = leaves(5);
        MerkleProof proof = MerkleTree.proof(leaves, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MerklePath.of(new MerkleProof(2, 5, proof.path().subList(0, 2))));
        assertEquals("proof has 2 path elements, a leaf at index 2 of a tree of 5 needs 3", e.getMessage());
    }

    @Test
    void theEncodingRoundTripsAndRefusesOtherSides() {
        MerklePath path = MerklePath.of(MerkleTree.proof(leaves(13), 9));
        CanonicalWriter out = new CanonicalWriter();
        path.writeTo(out);
        byte[] bytes = out.toByteArray();
        assertEquals(4 + path.size() * 33, bytes.length);
        CanonicalReader in = new CanonicalReader(bytes);
        assertEquals(path, MerklePath.readFrom(in, "path"));
        in.expectEnd("path");
        byte[] badSide = bytes.clone();
        badSide[4] = 2;
        DecodingException e = assertThrows(DecodingException.class,
                () -> MerklePath.readFrom(new CanonicalReader(badSide), "path"));
        assertEquals("path.steps[0].side: side must be 0 (left) or 1 (right), got 2 at offset 4", e.getMessage());
        byte[] tooLong = {0, 0, 0, 32};
        e = assertThrows(DecodingException.class, () -> MerklePath.readFrom(new CanonicalReader(tooLong), "path"));
        assertTrue(e.getMessage().contains("length 32 exceeds limit 31"), e.getMessage());
    }
}
