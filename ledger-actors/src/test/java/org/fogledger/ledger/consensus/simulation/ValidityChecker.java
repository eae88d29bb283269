package org.fogledger.ledger.consensus.simulation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.crypto.Hash;

/** Validity: only transactions that clients submitted are committed, each at most once in the chain. */
final class ValidityChecker {
    private final Set<Hash> submitted = new HashSet<>();
    /** Submitted and not yet seen committed by any honest replica, oldest first, with the time of submission. */
    private final Map<Hash, Transaction> uncommitted = new java.util.LinkedHashMap<>();
    /** Where each transaction was first committed: block hash, so the same block seen by another replica is fine. */
    private final Map<Hash, Hash> committedIn = new HashMap<>();

    void onSubmit(Transaction tx) {
        submitted.add(tx.hash());
        uncommitted.put(tx.hash(), tx);
    }

    /** What a client still waits for a receipt of, and would submit again. */
    List<Transaction> awaitingCommit() {
        return List.copyOf(uncommitted.values());
    }

    int submittedCount() {
        return submitted.size();
    }

    String onCommit(Block block) {
        for (Transaction tx : block.transactions()) {
            Hash hash = tx.hash();
            if (!submitted.contains(hash)) {
                return "validity: block " + block.hash().shortHex() + " at height " + block.height()
                        + " commits transaction " + hash.shortHex() + " that no client submitted";
            }
            uncommitted.remove(hash);
            Hash earlier = committedIn.putIfAbsent(hash, block.hash());
            if (earlier != null && !earlier.equals(block.hash())) {
                return "validity: transaction " + hash.shortHex() + " committed twice, in " + earlier.shortHex()
                        + " and again in " + block.hash().shortHex() + " at height " + block.height();
            }
        }
        return null;
    }

    /** Whether this committed chain holds every submitted transaction. */
    boolean allCommittedBy(List<CommittedBlock> chain) {
        Set<Hash> seen = new HashSet<>();
        for (CommittedBlock block : chain) {
            for (Transaction tx : block.block().transactions()) {
                seen.add(tx.hash());
            }
        }
        return seen.containsAll(submitted);
    }
}
