package org.fogledger.ledger.validator.serialization;

import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.BLOCK_1;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.BLOCK_2;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.GENESIS;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.GENESIS_QC;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.QC_1;
import static org.fogledger.ledger.validator.serialization.ValidatorEventFixtures.QC_2;

import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.mempool.UsedNonceTable;
import org.fogledger.ledger.validator.ValidatorSnapshot;

/** One fixed snapshot, from the same fixed keys and blocks as the event fixtures, so its bytes are golden. */
final class ValidatorSnapshotFixtures {
    static final Block BLOCK_3 = Block.create(3, 4, BLOCK_2.hash(),
            new org.fogledger.ledger.chain.ExecutedResults(2, ChainFixtures.hashOf("results-2")),
            ChainFixtures.key(0).publicKey(), 1_700_000_002_000L, List.of(ChainFixtures.transaction(1, 11)));

    static final UsedNonceTable NONCES = nonces();

    /** Voted in round 4 (for block 3), locked on block 1, high QC of block 2; committed up to block 2. */
    static final ValidatorSnapshot SNAPSHOT = new ValidatorSnapshot(new SafetyState(4, QC_1, QC_2),
            List.of(new CommittedBlock(GENESIS, GENESIS_QC), new CommittedBlock(BLOCK_1, QC_1),
                    new CommittedBlock(BLOCK_2, QC_2)),
            List.of(new ChainedBlock(BLOCK_3, QC_2)), NONCES.export());

    /** A fresh validator's snapshot: genesis only. */
    static final ValidatorSnapshot FRESH = new ValidatorSnapshot(SafetyState.initial(GENESIS_QC),
            List.of(new CommittedBlock(GENESIS, GENESIS_QC)), List.of(), List.of());

    private ValidatorSnapshotFixtures() {
    }

    private static UsedNonceTable nonces() {
        UsedNonceTable table = new UsedNonceTable();
        // Sender 0: nonces 0, 1, 5 and 9 used (a floor of 2, two above it); sender 1: nonce 0; sender 3: 0..2.
        for (long nonce : new long[] {0, 1, 5, 9}) {
            table.markUsed(ChainFixtures.key(0).publicKey(), nonce);
        }
        table.markUsed(ChainFixtures.key(1).publicKey(), 0);
        for (long nonce = 0; nonce <= 2; nonce++) {
            table.markUsed(ChainFixtures.key(3).publicKey(), nonce);
        }
        return table;
    }
}
