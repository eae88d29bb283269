package org.fogledger.ledger.validator.serialization;

import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.validator.ValidatorEvent;

/** One fixed event of each kind, built from fixed keys (deterministic signing), so their bytes are golden. */
final class ValidatorEventFixtures {
    static final Block GENESIS = Block.genesis(ChainFixtures.CHAIN_ID);
    static final QuorumCertificate GENESIS_QC = QuorumCertificate.genesis(GENESIS);
    static final Block BLOCK_1 = ChainFixtures.block(2);
    static final QuorumCertificate QC_1 = ChainFixtures.certificate(BLOCK_1, 3);
    static final Block BLOCK_2 = Block.create(2, 2, BLOCK_1.hash(), new ExecutedResults(1, ChainFixtures.hashOf("results-1")),
            ChainFixtures.key(2).publicKey(), 1_700_000_001_000L, List.of(ChainFixtures.transaction(3, 9)));
    static final QuorumCertificate QC_2 = ChainFixtures.certificate(BLOCK_2, 3);

    static final ValidatorEvent.SafetyStateSaved SAFETY_STATE =
            new ValidatorEvent.SafetyStateSaved(new SafetyState(2, QC_1, QC_2));
    static final ValidatorEvent.BlockStored BLOCK_STORED =
            new ValidatorEvent.BlockStored(new ChainedBlock(BLOCK_2, QC_1));
    static final ValidatorEvent.BlocksCommitted BLOCKS_COMMITTED = new ValidatorEvent.BlocksCommitted(
            List.of(new CommittedBlock(BLOCK_1, QC_1), new CommittedBlock(BLOCK_2, QC_2)));

    private ValidatorEventFixtures() {
    }
}
