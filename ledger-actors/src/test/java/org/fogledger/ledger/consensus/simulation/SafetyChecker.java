package org.fogledger.ledger.consensus.simulation;

import java.util.HashMap;
import java.util.Map;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.crypto.Hash;

/**
 * Safety: no two honest replicas commit different blocks at the same height, and each replica's committed chain
 * grows one linked block at a time, so every committed chain is a prefix of every longer one.
 */
final class SafetyChecker {
    private final Map<Long, Hash> committedAtHeight = new HashMap<>();
    private final Map<Long, String> firstCommitter = new HashMap<>();
    private final Map<String, Block> tipByReplica = new HashMap<>();

    /** Returns a description of the violation, or null. */
    String onCommit(String replica, Block block) {
        Block tip = tipByReplica.get(replica);
        long expectedHeight = tip == null ? 1 : tip.height() + 1;
        if (tip != null && block.height() != expectedHeight) {
            return "safety: " + replica + " committed height " + block.height() + " after height " + tip.height();
        }
        if (tip != null && !block.parentHash().equals(tip.hash())) {
            return "safety: " + replica + " committed " + block.hash().shortHex() + " at height " + block.height()
                    + " whose parent is not its previous committed block " + tip.hash().shortHex();
        }
        tipByReplica.put(replica, block);
        Hash earlier = committedAtHeight.putIfAbsent(block.height(), block.hash());
        if (earlier == null) {
            firstCommitter.put(block.height(), replica);
            return null;
        }
        if (!earlier.equals(block.hash())) {
            return "safety: conflicting commits at height " + block.height() + ": " + firstCommitter.get(block.height())
                    + " committed " + earlier.shortHex() + ", " + replica + " committed " + block.hash().shortHex();
        }
        return null;
    }
}
