package org.fogledger.ledger.validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Divergence;

/** Counters of one validator; read through {@link ValidatorStatus}. Confined to the actor. */
final class ValidatorMetrics {
    long committedBlocks;
    long committedTransactions;
    long refusedTransactions;
    /** Copies of transactions already committed here, answered with their receipts instead of a used nonce. */
    long lateCopiesOfCommitted;
    long refusedFromNonMembers;
    long unreachablePeerSends;
    long executedHeight;
    long executedTransactions;
    long failedExecutions;
    long divergences;
    /** Events the last recovery replayed after its snapshot (or from the start of the journal). */
    long eventsReplayed;
    long snapshotsSaved;
    long snapshotsFailed;
    /** Events up to this position were deleted from the journal (covered by a snapshot). */
    long eventsDeletedTo;
    long archivedHeight = -1;
    /** Peers' requests for blocks older than the window, answered from the committed-block store. */
    long storeRequestsServed;
    long storeBlocksServed;
    /** Such requests not served: too many reads pending, or the store failed. */
    long storeRequestsRefused;
    /** Subscribers to executed-block notices now (a gauge). */
    long executedSubscribers;

    void onCommit(List<CommittedBlock> blocks) {
        committedBlocks += blocks.size();
        for (CommittedBlock block : blocks) {
            committedTransactions += block.block().transactions().size();
        }
    }

    void onExecuted(BlockResults results, List<Divergence> found) {
        executedHeight = results.height();
        for (int i = 0; i < results.transactionCount(); i++) {
            executedTransactions++;
            if (!results.forTransaction(i).result().ok()) {
                failedExecutions++;
            }
        }
        divergences += found.size();
    }

    Map<String, Long> snapshot(Replica replica, RecoveryReport recovery, long lastSequenceNr) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("committedBlocks", committedBlocks);
        counters.put("committedTransactions", committedTransactions);
        counters.put("refusedTransactions", refusedTransactions);
        counters.put("lateCopiesOfCommitted", lateCopiesOfCommitted);
        counters.put("refusedFromNonMembers", refusedFromNonMembers);
        counters.put("unreachablePeerSends", unreachablePeerSends);
        counters.put("executedHeight", executedHeight);
        counters.put("executedTransactions", executedTransactions);
        counters.put("failedExecutions", failedExecutions);
        // Non-zero means this validator or a proposer executed a block differently: see the error log.
        counters.put("resultDivergences", divergences);
        counters.put("recovery.eventsReplayed", eventsReplayed);
        if (recovery != null) {
            counters.put("recovery.snapshotSequenceNr", recovery.snapshotSequenceNr());
            counters.put("recovery.millis", recovery.durationMillis());
        }
        counters.put("journal.lastSequenceNr", lastSequenceNr);
        counters.put("journal.eventsDeletedTo", eventsDeletedTo);
        counters.put("snapshots.saved", snapshotsSaved);
        counters.put("snapshots.failed", snapshotsFailed);
        counters.put("store.archivedHeight", archivedHeight);
        counters.put("store.requestsServed", storeRequestsServed);
        counters.put("store.blocksServed", storeBlocksServed);
        counters.put("store.requestsRefused", storeRequestsRefused);
        counters.put("executed.subscribers", executedSubscribers);
        if (replica != null) {
            replica.drops().asMap().forEach((reason, count) -> counters.put("dropped." + reason.name(), count));
        }
        return Map.copyOf(counters);
    }
}
