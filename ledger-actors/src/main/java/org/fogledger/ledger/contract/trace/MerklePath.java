package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.MerkleTree;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.crypto.Hash;

/**
 * An RFC 6962 audit path written as the steps a verifier takes: at each level, the sibling hash and the side it
 * sits on. It proves the same as a {@link MerkleProof} (it is built from one) but names no tree size.
 *
 * <p>Why audit proofs need it: a block header commits to its transactions' root, not to how many there are, so
 * the tree size inside a {@link MerkleProof} is not covered by anything signed. Several sizes verify the same
 * path (index 0 of a tree of 3 or of 4, for instance), so a proof carrying a size could be altered and still
 * verify. A path of sides has no such slack: change any byte and the root changes or the decoder refuses it. The
 * record-in-batch step keeps the plain {@link MerkleProof}, because there the anchored count pins the size.
 *
 * <p>Encoding: {@code count:u32 (at most 31) | count x (side:u8 (0 = sibling on the left, 1 = on the right) |
 * sibling:32)}.
 */
public record MerklePath(List<Step> steps) {
    public static final int MAX_STEPS = MerkleProof.MAX_PATH_LENGTH;

    /** Where the sibling sits: LEFT means the parent is {@code node(sibling, current)}. */
    public enum Side {
        @JsonProperty("left") LEFT,
        @JsonProperty("right") RIGHT
    }

    public record Step(Side side, Hash sibling) {
        public Step {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(sibling, "sibling");
        }
    }

    public MerklePath {
        steps = List.copyOf(steps);
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a path has at most " + MAX_STEPS + " steps, got " + steps.size());
        }
    }

    /** The same path as {@code proof}, with each sibling's side worked out from the leaf index and tree size. */
    public static MerklePath of(MerkleProof proof) {
        List<Side> sides = sides(proof.leafIndex(), proof.treeSize());
        if (sides.size() != proof.path().size()) {
            throw new IllegalArgumentException("proof has " + proof.path().size() + " path elements, a leaf at index "
                    + proof.leafIndex() + " of a tree of " + proof.treeSize() + " needs " + sides.size());
        }
        List<Step> steps = new ArrayList<>(sides.size());
        for (int i = 0; i < sides.size(); i++) {
            steps.add(new Step(sides.get(i), proof.path().get(i)));
        }
        return new MerklePath(steps);
    }

    /**
     * The sides of the siblings on the path of leaf {@code leafIndex} in an RFC 6962 tree of {@code treeSize}
     * leaves, deepest first: the decisions of RFC 9162 section 2.1.3.2, without the hashes. Its size is the path
     * length such a proof must have.
     */
    public static List<Side> sides(long leafIndex, long treeSize) {
        if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " outside a tree of " + treeSize);
        }
        List<Side> sides = new ArrayList<>();
        long fn = leafIndex;
        long sn = treeSize - 1;
        while (sn != 0) {
            if ((fn & 1) == 1 || fn == sn) {
                sides.add(Side.LEFT);
                if ((fn & 1) == 0) {
                    // A lone rightmost node is carried up unchanged: skip the levels where it has no sibling.
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sides.add(Side.RIGHT);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sides;
    }

    /** The root reached from {@code leaf} (a hash as given to {@link MerkleTree#root}, not yet leaf-hashed). */
    public Hash rootFrom(Hash leaf) {
        Hash current = MerkleTree.leafHash(leaf);
        for (Step step : steps) {
            current = step.side() == Side.LEFT ? MerkleTree.nodeHash(step.sibling(), current)
                    : MerkleTree.nodeHash(current, step.sibling());
        }
        return current;
    }

    public int size() {
        return steps.size();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeU32(steps.size());
        for (Step step : steps) {
            out.writeU8(step.side() == Side.LEFT ? 0 : 1);
            out.writeHash(step.sibling());
        }
    }

    public static MerklePath readFrom(CanonicalReader in, String field) {
        int count = in.readCount(field + ".steps", MAX_STEPS, 1 + Hash.LENGTH);
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String stepField = field + ".steps[" + i + "]";
            int at = in.position();
            int side = in.readU8(stepField + ".side");
            if (side > 1) {
                throw new DecodingException(stepField + ".side", "side must be 0 (left) or 1 (right), got " + side,
                        at);
            }
            steps.add(new Step(side == 0 ? Side.LEFT : Side.RIGHT, in.readHash(stepField + ".sibling")));
        }
        return new MerklePath(steps);
    }
}
