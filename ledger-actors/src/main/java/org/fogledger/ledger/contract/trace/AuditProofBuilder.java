package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionRecord;

/**
 * Assembles the {@link AuditProof} of one record from what a gateway and a validator hold: the record's batch, the
 * anchor transaction, the anchor block with its execution results, and the committed chain from the anchor block
 * on, each header with the certificate that certifies it. It takes the shortest stretch of that chain that ends in
 * a 3-chain of consecutive rounds, so a proof is as small as the chain allows.
 *
 * <p>It refuses, naming the inconsistency, inputs that cannot make a valid proof (a record not in the batch, a
 * transaction not in the block, an anchor the contract refused, a chain with no 3-chain yet), so a gateway learns
 * at once rather than from an auditor. It does not check signatures: {@link AuditProofVerifier} does.
 */
public final class AuditProofBuilder {

    private AuditProofBuilder() {
    }

    /**
     * @param anchorBlock   the block holding {@code anchorTx}
     * @param anchorResults the execution results of {@code anchorBlock}
     * @param chain         the anchor block's header and its descendants in height order, each with the
     *                      certificate that certifies it; long enough to reach a 3-chain of consecutive rounds
     */
    public static AuditProof build(TraceRecord record, TraceBatch batch, Transaction anchorTx, Block anchorBlock,
                                   BlockResults anchorResults, List<CertifiedHeader> chain) {
        int index = transactionIndex(anchorBlock, anchorTx);
        ExecutionRecord execution = executionOf(anchorResults, anchorBlock, index);
        if (!execution.result().ok() || !execution.result().code().equals(TraceContract.ANCHORED)) {
            throw new IllegalArgumentException("the trace contract did not accept anchor tx "
                    + anchorTx.hash().shortHex() + ": " + execution.result().code() + ": " + execution.result().text());
        }
        return assemble(record, batch, anchorTx, anchorBlock, anchorResults, chain);
    }

    /**
     * Everything {@link #build} does except insisting that the contract accepted the anchor: tests use it to show
     * the verifier refuses a proof of a refused anchor.
     */
    static AuditProof assemble(TraceRecord record, TraceBatch batch, Transaction anchorTx, Block anchorBlock,
                               BlockResults anchorResults, List<CertifiedHeader> chain) {
        if (!batch.contains(record.sequence()) || !batch.record(record.sequence()).equals(record)) {
            throw new IllegalArgumentException("record " + record.sequence() + " of stream '" + record.streamId()
                    + "' is not in " + batch);
        }
        if (!anchorTx.contract().equals(batch.address().toString()) || !anchorTx.command().equals(TraceContract.ANCHOR)
                || !anchors(anchorTx, batch)) {
            throw new IllegalArgumentException("transaction " + anchorTx.hash().shortHex() + " (" + anchorTx.contract()
                    + "." + anchorTx.command() + ") does not anchor " + batch);
        }
        if (!anchorBlock.transactionsMatchRoot()) {
            throw new IllegalArgumentException("block " + anchorBlock.height() + "'s transactions do not match its"
                    + " header's transactionsRoot");
        }
        int index = transactionIndex(anchorBlock, anchorTx);
        ExecutionRecord execution = executionOf(anchorResults, anchorBlock, index);
        List<BlockHeader> headers = committingChain(anchorBlock, chain);
        BlockHeader next = headers.get(1);
        if (!next.previousResultsHash().equals(anchorResults.resultsHash())) {
            throw new IllegalArgumentException("the header at height " + next.height() + " carries previousResultsHash "
                    + next.previousResultsHash().shortHex() + ", but the results of block " + anchorBlock.height()
                    + " hash to " + anchorResults.resultsHash().shortHex()
                    + ": the proof needs the chain to carry execution results");
        }
        List<QuorumCertificate> certificates = new ArrayList<>();
        for (int i = headers.size() - AuditProof.COMMIT_CERTIFICATES; i < headers.size(); i++) {
            certificates.add(chain.get(i).certificate());
        }
        return new AuditProof(record, batch.proof(record.sequence()), batch.root(), anchorTx,
                MerklePath.of(anchorBlock.proofFor(index)), execution,
                MerklePath.of(anchorResults.proof(index)), headers, certificates);
    }

    private static boolean anchors(Transaction tx, TraceBatch batch) {
        try {
            return ContractJson.read(tx.payload(), AnchorCommand.class, "anchor").equals(batch.anchorCommand());
        } catch (ContractRefusal e) {
            return false;
        }
    }

    private static int transactionIndex(Block block, Transaction tx) {
        List<Transaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).hash().equals(tx.hash())) {
                return i;
            }
        }
        throw new IllegalArgumentException("transaction " + tx.hash().shortHex() + " is not in block "
                + block.height() + " (" + block.hash().shortHex() + ")");
    }

    private static ExecutionRecord executionOf(BlockResults results, Block block, int index) {
        if (results.height() != block.height()) {
            throw new IllegalArgumentException("the results are of block " + results.height() + ", the anchor is in"
                    + " block " + block.height());
        }
        return results.forTransaction(index);
    }

    /** The headers from the anchor block to the top of the first 3-chain of consecutive rounds above it. */
    private static List<BlockHeader> committingChain(Block anchorBlock, List<CertifiedHeader> chain) {
        if (chain.isEmpty() || !chain.get(0).header().equals(anchorBlock.header())) {
            throw new IllegalArgumentException("the chain must start with the anchor block's header (height "
                    + anchorBlock.height() + ")");
        }
        List<BlockHeader> headers = new ArrayList<>();
        headers.add(chain.get(0).header());
        int usable = Math.min(chain.size(), AuditProof.MAX_HEADERS);
        for (int j = 1; j < usable; j++) {
            BlockHeader below = chain.get(j - 1).header();
            BlockHeader above = chain.get(j).header();
            if (above.height() != below.height() + 1 || !above.parentHash().equals(below.hash())) {
                throw new IllegalArgumentException("the header at height " + above.height() + " does not extend the"
                        + " one at height " + below.height());
            }
            headers.add(above);
            if (j >= 2 && above.round() == below.round() + 1
                    && below.round() == chain.get(j - 2).header().round() + 1) {
                return headers;
            }
        }
        throw new IllegalArgumentException("no 3-chain of consecutive rounds commits block " + anchorBlock.height()
                + " within the " + usable + " block(s) given: the block is"
                + " not provably committed yet, or more blocks are needed");
    }
}
