package org.fogledger.ledger.validator;

import java.util.List;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;

/**
 * What a validator writes to its journal. Replaying these rebuilds exactly what the consensus core may keep across a
 * crash: the safety state, the blocks it stored, the committed chain. Stored in the canonical encoding (never Kryo),
 * so a journal outlives library upgrades.
 */
public sealed interface ValidatorEvent {

    /** The safety state, made durable before the vote or timeout that depends on it leaves the node. */
    record SafetyStateSaved(SafetyState state) implements ValidatorEvent {
    }

    /** A block the core added to its tree (not final yet), with its parent's certificate. */
    record BlockStored(ChainedBlock block) implements ValidatorEvent {
    }

    /** Blocks that became final, in height order, each with the certificate that certifies it. */
    record BlocksCommitted(List<CommittedBlock> blocks) implements ValidatorEvent {
        public BlocksCommitted {
            blocks = List.copyOf(blocks);
        }
    }
}
