package org.fogledger.ledger.validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.Replica;

/** Counters of one validator; read through {@link ValidatorStatus}. Confined to the actor. */
final class ValidatorMetrics {
    long committedBlocks;
    long committedTransactions;
    long refusedTransactions;
    long refusedFromNonMembers;
    long unreachablePeerSends;

    void onCommit(List<CommittedBlock> blocks) {
        committedBlocks += blocks.size();
        for (CommittedBlock block : blocks) {
            committedTransactions += block.block().transactions().size();
        }
    }

    Map<String, Long> snapshot(Replica replica) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("committedBlocks", committedBlocks);
        counters.put("committedTransactions", committedTransactions);
        counters.put("refusedTransactions", refusedTransactions);
        counters.put("refusedFromNonMembers", refusedFromNonMembers);
        counters.put("unreachablePeerSends", unreachablePeerSends);
        if (replica != null) {
            replica.drops().asMap().forEach((reason, count) -> counters.put("dropped." + reason.name(), count));
        }
        return Map.copyOf(counters);
    }
}
