package org.fogledger.ledger.chain;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.crypto.Hash;

/**
 * The RFC 6962 (Certificate Transparency) Merkle tree over a list of hashes: leaf = SHA-256(0x00 || leaf),
 * node = SHA-256(0x01 || left || right), a list of n > 1 leaves splits at the largest power of two below n, and the
 * empty tree's root is SHA-256 of nothing. The 0x00/0x01 prefixes ({@link Domain#MERKLE_LEAF},
 * {@link Domain#MERKLE_NODE}) stop an interior node from being passed off as a leaf (second preimage).
 *
 * <p>The root is computed bottom-up in one reused buffer: pairing neighbours level by level and carrying a lone
 * last node up unchanged builds exactly the RFC 6962 tree, without recursion or an object per node.
 */
public final class MerkleTree {
    private static final byte LEAF_PREFIX = Domain.MERKLE_LEAF.prefix()[0];
    private static final byte NODE_PREFIX = Domain.MERKLE_NODE.prefix()[0];
    private static final int L = Hash.LENGTH;

    private MerkleTree() {
    }

    /** The root of the tree whose leaves are {@code leaves}, in order. */
    public static Hash root(List<Hash> leaves) {
        MessageDigest digest = sha256();
        int n = leaves.size();
        if (n == 0) {
            return Hash.of(digest.digest());
        }
        byte[] level = new byte[n * L];
        byte[] scratch = new byte[L];
        for (int i = 0; i < n; i++) {
            leaves.get(i).copyTo(scratch, 0);
            digest.update(LEAF_PREFIX);
            digest.update(scratch, 0, L);
            finish(digest, level, i * L);
        }
        for (int width = n; width > 1; width = (width + 1) / 2) {
            int pairs = width / 2;
            for (int i = 0; i < pairs; i++) {
                // Reads slots 2i and 2i+1 before writing slot i <= 2i: safe in place.
                digest.update(NODE_PREFIX);
                digest.update(level, 2 * i * L, 2 * L);
                finish(digest, level, i * L);
            }
            if ((width & 1) == 1) {
                System.arraycopy(level, (width - 1) * L, level, pairs * L, L);
            }
        }
        return Hash.of(java.util.Arrays.copyOf(level, L));
    }

    /** The inclusion proof of {@code leaves.get(index)}: RFC 6962 PATH(index, leaves), deepest sibling first. */
    public static MerkleProof proof(List<Hash> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IndexOutOfBoundsException("leaf index " + index + " outside a tree of " + leaves.size());
        }
        List<Hash> path = new ArrayList<>();
        collectPath(leaves, index, 0, leaves.size(), path);
        return new MerkleProof(index, leaves.size(), path);
    }

    /** The hash of one leaf as it sits in the tree: SHA-256(0x00 || leaf). */
    public static Hash leafHash(Hash leaf) {
        return Domain.MERKLE_LEAF.hash(leaf.bytes());
    }

    /** The hash of an interior node: SHA-256(0x01 || left || right). */
    public static Hash nodeHash(Hash left, Hash right) {
        byte[] both = new byte[2 * L];
        left.copyTo(both, 0);
        right.copyTo(both, L);
        return Domain.MERKLE_NODE.hash(both);
    }

    /** The largest power of two strictly below n (n > 1): the RFC 6962 split point. */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    // PATH(m, D[from:to]) appended deepest first: the recursion depth is the tree height (at most 31).
    private static void collectPath(List<Hash> leaves, int index, int from, int to, List<Hash> path) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = split(n);
        if (index - from < k) {
            collectPath(leaves, index, from, from + k, path);
            path.add(root(leaves.subList(from + k, to)));
        } else {
            collectPath(leaves, index, from + k, to, path);
            path.add(root(leaves.subList(from, from + k)));
        }
    }

    private static void finish(MessageDigest digest, byte[] out, int offset) {
        try {
            digest.digest(out, offset, L);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output buffer too small", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
