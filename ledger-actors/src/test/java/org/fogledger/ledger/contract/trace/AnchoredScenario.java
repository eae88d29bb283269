package org.fogledger.ledger.contract.trace;

import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;

/**
 * One anchored batch on a {@link TraceChain}: stream {@code gw-7} registered in block 1, its batch of 5 records
 * anchored in block 2 as the middle of three transactions, blocks 3 to 7 on top, each at the round of its height.
 * Claims lag as validators' do (block H claims H-2 or H-3): blocks 3 and 4 claim block 1, block 5 is the first to
 * claim past the anchor block, and it skips it: it claims block 3. Blocks 2, 3, 4 are a 3-chain, but it does not
 * commit block 5; blocks 5, 6, 7 do. So the proof of record 2 carries headers 2..7, the records root of block 3
 * and the certificates of blocks 5, 6, 7.
 */
final class AnchoredScenario {
    static final String STREAM = "gw-7";
    static final long PROVEN_SEQUENCE = 2;

    final TraceChain chain = new TraceChain();
    final TraceBatch batch;
    final Transaction anchorTx;
    final Block anchorBlock;
    final AuditProof proof;
    final AuditProofVerifier verifier;

    private static AnchoredScenario shared;

    AnchoredScenario() {
        chain.append(1, chain.register(STREAM, chain.gateway), chain.register("gw-8", chain.stranger));
        TraceBatcher batcher = TraceBatcher.forNewStream(STREAM, 5);
        TraceBatch sealed = null;
        TraceKind[] kinds = TraceKind.values();
        for (long s = 0; s < 5; s++) {
            sealed = batcher.add(TraceFixtures.record(STREAM, s, kinds[(int) (s % kinds.length)])).orElse(null);
        }
        batch = sealed;
        anchorTx = chain.anchor(chain.gateway, batch);
        anchorBlock = chain.append(2, chain.register("gw-9", chain.stranger), anchorTx,
                chain.register("gw-10", chain.gateway));
        for (long height = 3; height <= 7; height++) {
            chain.append(height);
        }
        proof = AuditProofBuilder.build(batch.record(PROVEN_SEQUENCE), batch, anchorTx, anchorBlock,
                chain.resultsFrom(2), chain.certifiedFrom(2));
        verifier = new AuditProofVerifier(TraceChain.CHAIN_ID, chain.validators);
    }

    /** Built once: everything in it is immutable after construction. */
    static synchronized AnchoredScenario shared() {
        if (shared == null) {
            shared = new AnchoredScenario();
        }
        return shared;
    }

    static AuditProof with(AuditProof p, TraceRecord value) {
        return new AuditProof(value, p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withRecordProof(AuditProof p, MerkleProof value) {
        return new AuditProof(p.record(), value, p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withBatchRoot(AuditProof p, Hash value) {
        return new AuditProof(p.record(), p.recordProof(), value, p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withTransaction(AuditProof p, Transaction value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), value, p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withTransactionPath(AuditProof p, MerklePath value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), value,
                p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withExecution(AuditProof p, ExecutionRecord value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(),
                p.transactionPath(), value, p.executionPath(), p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withExecutionPath(AuditProof p, MerklePath value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(),
                p.transactionPath(), p.anchorExecution(), value, p.resultsChain(), p.headers(), p.certificates());
    }

    static AuditProof withResultsChain(AuditProof p, ResultsChain value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(),
                p.transactionPath(), p.anchorExecution(), p.executionPath(), value, p.headers(), p.certificates());
    }

    static AuditProof withHeaders(AuditProof p, List<BlockHeader> value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(),
                p.transactionPath(), p.anchorExecution(), p.executionPath(), p.resultsChain(), value, p.certificates());
    }

    static AuditProof withCertificates(AuditProof p, List<QuorumCertificate> value) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(),
                p.transactionPath(), p.anchorExecution(), p.executionPath(), p.resultsChain(), p.headers(), value);
    }
}
