package org.fogledger.ledger.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.Hash;

/**
 * The blocks a replica knows: the committed tip as root, the uncommitted blocks that descend from it (a block is only
 * added once its parent is here, so every block is connected), and a bounded window of recent committed blocks kept to
 * serve peers that lag behind and to refuse transactions ordered again.
 */
final class BlockTree {
    private ChainedBlock root;
    private final Map<Hash, ChainedBlock> uncommitted = new HashMap<>();
    private final LinkedHashMap<Hash, ChainedBlock> committedWindow = new LinkedHashMap<>();
    private final int windowSize;
    /** The transactions of the committed blocks in the window, so none of them is ordered twice. */
    private final Set<Hash> committedTransactions = new HashSet<>();

    BlockTree(List<ChainedBlock> committedChain, int windowSize) {
        if (committedChain.isEmpty()) {
            throw new IllegalArgumentException("a block tree needs at least the genesis block");
        }
        this.windowSize = windowSize;
        for (ChainedBlock block : committedChain) {
            rememberCommitted(block);
        }
        this.root = committedChain.get(committedChain.size() - 1);
    }

    ChainedBlock root() {
        return root;
    }

    /** A known block, committed (within the window) or not. */
    ChainedBlock get(Hash hash) {
        ChainedBlock block = uncommitted.get(hash);
        return block != null ? block : committedWindow.get(hash);
    }

    boolean contains(Hash hash) {
        return get(hash) != null;
    }

    /** Whether a block with this parent could be attached: the parent is the root or an uncommitted block. */
    boolean canAttach(Hash parentHash) {
        return root.block().hash().equals(parentHash) || uncommitted.containsKey(parentHash);
    }

    /** Adds a block whose parent is attached; returns false if it was known already or cannot attach. */
    boolean add(ChainedBlock block) {
        Hash hash = block.block().hash();
        if (contains(hash) || !canAttach(block.block().parentHash())) {
            return false;
        }
        uncommitted.put(hash, block);
        return true;
    }

    Set<Hash> committedTransactions() {
        return Collections.unmodifiableSet(committedTransactions);
    }

    /** Hashes of the transactions in the uncommitted blocks from the root down to {@code hash}, inclusive. */
    Set<Hash> uncommittedTransactionsUpTo(Hash hash) {
        Set<Hash> hashes = new HashSet<>();
        for (ChainedBlock block : uncommittedPathTo(hash)) {
            for (Transaction tx : block.block().transactions()) {
                hashes.add(tx.hash());
            }
        }
        return hashes;
    }

    /** Whether any uncommitted block up to {@code hash} carries transactions (so the pipeline must keep moving). */
    boolean hasUncommittedTransactionsUpTo(Hash hash) {
        for (ChainedBlock block : uncommittedPathTo(hash)) {
            if (!block.block().transactions().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Commits {@code hash} and its uncommitted ancestors, oldest first, each with the certificate that certifies it
     * (its child's justification; {@code certificate} for the block itself). Then forgets the branches that lost.
     */
    List<CommittedBlock> commit(Hash hash, QuorumCertificate certificate) {
        List<ChainedBlock> path = uncommittedPathTo(hash);
        if (path.isEmpty()) {
            return List.of();
        }
        List<CommittedBlock> committed = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            QuorumCertificate cert = i + 1 < path.size() ? path.get(i + 1).justify() : certificate;
            committed.add(new CommittedBlock(path.get(i).block(), cert));
        }
        for (ChainedBlock block : path) {
            uncommitted.remove(block.block().hash());
            rememberCommitted(block);
        }
        root = path.get(path.size() - 1);
        pruneLosingBranches();
        return committed;
    }

    /**
     * Up to {@code max} blocks ending at {@code hash}, oldest first, for a peer that asked; at least the block asked
     * for, then older ones while their transactions fit in {@code maxBytes}, so a response fits in one message.
     */
    List<ChainedBlock> chainEndingAt(Hash hash, int max, long maxBytes) {
        ArrayDeque<ChainedBlock> chain = new ArrayDeque<>();
        ChainedBlock block = get(hash);
        long bytes = 0;
        while (block != null && chain.size() < max) {
            long size = 0;
            for (Transaction tx : block.block().transactions()) {
                size += tx.encodedSize();
            }
            if (!chain.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            chain.addFirst(block);
            if (block.height() == 0) {
                break;
            }
            block = get(block.block().parentHash());
        }
        return new ArrayList<>(chain);
    }

    int uncommittedCount() {
        return uncommitted.size();
    }

    /** Uncommitted blocks from just above the root down to {@code hash}, oldest first; empty if not attached. */
    private List<ChainedBlock> uncommittedPathTo(Hash hash) {
        ArrayDeque<ChainedBlock> path = new ArrayDeque<>();
        ChainedBlock block = uncommitted.get(hash);
        while (block != null) {
            path.addFirst(block);
            Hash parent = block.block().parentHash();
            if (parent.equals(root.block().hash())) {
                return new ArrayList<>(path);
            }
            block = uncommitted.get(parent);
        }
        return List.of();
    }

    private void rememberCommitted(ChainedBlock block) {
        committedWindow.put(block.block().hash(), block);
        for (Transaction tx : block.block().transactions()) {
            committedTransactions.add(tx.hash());
        }
        Iterator<ChainedBlock> oldest = committedWindow.values().iterator();
        while (committedWindow.size() > windowSize && oldest.hasNext()) {
            // Memory stays bounded by the window: older duplicates are the mempool's nonces' (and, later, the
            // contracts') to refuse.
            for (Transaction tx : oldest.next().block().transactions()) {
                committedTransactions.remove(tx.hash());
            }
            oldest.remove();
        }
    }

    private void pruneLosingBranches() {
        Hash rootHash = root.block().hash();
        long rootHeight = root.height();
        uncommitted.values().removeIf(block -> block.height() <= rootHeight || !descendsFrom(block, rootHash, rootHeight));
    }

    private boolean descendsFrom(ChainedBlock block, Hash ancestor, long ancestorHeight) {
        ChainedBlock current = block;
        while (current != null && current.height() > ancestorHeight + 1) {
            current = uncommitted.get(current.block().parentHash());
        }
        return current != null && current.block().parentHash().equals(ancestor);
    }
}
