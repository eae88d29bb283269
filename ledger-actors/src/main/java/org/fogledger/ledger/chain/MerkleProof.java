package org.fogledger.ledger.chain;

import java.util.List;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.DecodingException;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.crypto.Hash;

/**
 * An RFC 6962 inclusion proof: the sibling hashes from the leaf up to the root, deepest first. It verifies with
 * only itself, the leaf and the root, so a third party can check a transaction or a traceability record without
 * the rest of the tree.
 */
public record MerkleProof(int leafIndex, int treeSize, List<Hash> path) {
    /** A tree of at most 2^31-1 leaves is at most 31 levels high. */
    public static final int MAX_PATH_LENGTH = 31;

    public MerkleProof {
        if (treeSize < 1) {
            throw new IllegalArgumentException("treeSize must be at least 1, got " + treeSize);
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " outside a tree of " + treeSize);
        }
        if (path.size() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("path of " + path.size() + " exceeds " + MAX_PATH_LENGTH);
        }
        path = List.copyOf(path);
    }

    /**
     * True when {@code leaf} (the hash as given to {@link MerkleTree#root}, not yet leaf-hashed) is at
     * {@code leafIndex} of a tree of {@code treeSize} leaves with this {@code root}. RFC 9162 section 2.1.3.2.
     */
    public boolean verify(Hash leaf, Hash root) {
        long fn = leafIndex;
        long sn = treeSize - 1L;
        Hash r = MerkleTree.leafHash(leaf);
        for (Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(root);
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter(16 + path.size() * Hash.LENGTH);
        writeTo(out);
        return out.toByteArray();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHeader(Kind.MERKLE_PROOF);
        out.writeU32(leafIndex);
        out.writeU32(treeSize);
        out.writeU32(path.size());
        for (Hash hash : path) {
            out.writeHash(hash);
        }
    }

    public static MerkleProof decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        MerkleProof proof = readFrom(in, "merkleProof");
        in.expectEnd("merkleProof");
        return proof;
    }

    public static MerkleProof readFrom(CanonicalReader in, String field) {
        in.readHeader(Kind.MERKLE_PROOF, field);
        int at = in.position();
        int leafIndex = in.readIntU32(field + ".leafIndex");
        int treeSize = in.readIntU32(field + ".treeSize");
        if (treeSize < 1 || leafIndex >= treeSize) {
            throw new DecodingException(field + ".leafIndex",
                    "leaf index " + leafIndex + " outside a tree of " + treeSize, at);
        }
        int count = in.readCount(field + ".path", MAX_PATH_LENGTH, Hash.LENGTH);
        Hash[] path = new Hash[count];
        for (int i = 0; i < count; i++) {
            path[i] = in.readHash(field + ".path[" + i + "]");
        }
        return new MerkleProof(leafIndex, treeSize, List.of(path));
    }
}
