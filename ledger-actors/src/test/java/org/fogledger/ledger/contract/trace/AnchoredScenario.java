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
 * One anchored batch on a {@link TraceChain}: stream {@code gw-7} registered in block 1 (round 1), its batch of 5
 * records anchored in block 2 (round 2) as the middle of three transactions, blocks 3 and 4 (rounds 3 and 4) on
 * top, so blocks 2, 3, 4 form the 3-chain that commits block 2. The proof is of record 2.
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
        chain.append(3);
        chain.append(4);
        proof = AuditProofBuilder.build(batch.record(PROVEN_SEQUENCE), batch, anchorTx, anchorBlock,
                chain.results(2), chain.certifiedFrom(2));
        verifier = new AuditProofVerifier(TraceChain.CHAIN_ID, chain.validators);
    }

    /** Built once: everything in it is immutable after construction. */
    static synchronized AnchoredScenario shared() {
        if (shared == null) {
            shared = new AnchoredScenario();
        }
        return shared;
    }

    static AuditProof with(AuditProof p, TraceRecord record) {
        return new AuditProof(record, p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withRecordProof(AuditProof p, MerkleProof recordProof) {
        return new AuditProof(p.record(), recordProof, p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withBatchRoot(AuditProof p, Hash root) {
        return new AuditProof(p.record(), p.recordProof(), root, p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withTransaction(AuditProof p, Transaction tx) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), tx, p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withTransactionPath(AuditProof p, MerklePath path) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), path,
                p.anchorExecution(), p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withExecution(AuditProof p, ExecutionRecord execution) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                execution, p.executionPath(), p.headers(), p.certificates());
    }

    static AuditProof withExecutionPath(AuditProof p, MerklePath path) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), path, p.headers(), p.certificates());
    }

    static AuditProof withHeaders(AuditProof p, List<BlockHeader> headers) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), headers, p.certificates());
    }

    static AuditProof withCertificates(AuditProof p, List<QuorumCertificate> qcs) {
        return new AuditProof(p.record(), p.recordProof(), p.batchRoot(), p.anchorTransaction(), p.transactionPath(),
                p.anchorExecution(), p.executionPath(), p.headers(), qcs);
    }
}
