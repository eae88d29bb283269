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
 * Assembles the {@link AuditProof} of one record from what a gateway and a validator (or an observer replaying
 * the chain) hold: the record's batch, the anchor transaction, the anchor block, the execution results of the
 * anchor block and the blocks after it, and the committed chain from the anchor block on, each header with the
 * certificate that certifies it.
 *
 * <p>Headers carry their proposers' results claims, which lag execution by a few blocks and may skip heights, so
 * the builder looks for the first header above the anchor block that claims the results of the anchor block or a
 * later one, links the anchor block's records root to that claim with the records roots of the blocks in between,
 * and climbs to the first 3-chain of consecutive rounds that commits the claiming header. That is the shortest
 * proof the chain allows; it refuses to go past {@link AuditProof#MAX_HEADERS} headers.
 *
 * <p>It refuses, naming the inconsistency, inputs that cannot make a valid proof (a record not in the batch, a
 * transaction not in the block, an anchor the contract refused, results that are not the chain's, a chain with no
 * committed claim covering the anchor block yet), so a gateway learns at once rather than from an auditor. It does
 * not check signatures: {@link AuditProofVerifier} does.
 */
public final class AuditProofBuilder {

    private AuditProofBuilder() {
    }

    /**
     * @param anchorBlock the block holding {@code anchorTx}, at height h
     * @param results     the execution results of blocks h, h+1, ... in height order, at least up to the block
     *                    that the first committed claim covering h names
     * @param chain       the anchor block's header and its descendants in height order, each with the certificate
     *                    that certifies it; long enough to reach a claim of block h or later and a 3-chain of
     *                    consecutive rounds that commits it
     */
    public static AuditProof build(TraceRecord record, TraceBatch batch, Transaction anchorTx, Block anchorBlock,
                                   List<BlockResults> results, List<CertifiedHeader> chain) {
        int index = transactionIndex(anchorBlock, anchorTx);
        ExecutionRecord execution = executionOf(results, anchorBlock, index);
        if (!execution.result().ok() || !execution.result().code().equals(TraceContract.ANCHORED)) {
            throw new IllegalArgumentException("the trace contract did not accept anchor tx "
                    + anchorTx.hash().shortHex() + ": " + execution.result().code() + ": " + execution.result().text());
        }
        return assemble(record, batch, anchorTx, anchorBlock, results, chain);
    }

    /**
     * Everything {@link #build} does except insisting that the contract accepted the anchor: tests use it to show
     * the verifier refuses a proof of a refused anchor.
     */
    static AuditProof assemble(TraceRecord record, TraceBatch batch, Transaction anchorTx, Block anchorBlock,
                               List<BlockResults> results, List<CertifiedHeader> chain) {
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
        ExecutionRecord execution = executionOf(results, anchorBlock, index);
        CommittingSpan span = committingSpan(anchorBlock, chain);
        BlockHeader claiming = chain.get(span.claiming()).header();
        List<BlockResults> linked = resultsUpTo(results, claiming);
        List<BlockHeader> headers = new ArrayList<>();
        for (CertifiedHeader certified : chain.subList(0, span.top() + AuditProof.COMMIT_CERTIFICATES)) {
            headers.add(certified.header());
        }
        List<QuorumCertificate> certificates = new ArrayList<>();
        for (CertifiedHeader certified : chain.subList(span.top(), span.top() + AuditProof.COMMIT_CERTIFICATES)) {
            certificates.add(certified.certificate());
        }
        return new AuditProof(record, batch.proof(record.sequence()), batch.root(), anchorTx,
                MerklePath.of(anchorBlock.proofFor(index)), execution, MerklePath.of(linked.get(0).proof(index)),
                ResultsChain.of(linked), headers, certificates);
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

    private static ExecutionRecord executionOf(List<BlockResults> results, Block block, int index) {
        if (results.isEmpty() || results.get(0).height() != block.height()) {
            throw new IllegalArgumentException("the results must start with those of the anchor block (height "
                    + block.height() + ")" + (results.isEmpty() ? ", none were given"
                    : ", the first given are of block " + results.get(0).height()));
        }
        return results.get(0).forTransaction(index);
    }

    /**
     * Indexes into the chain: {@code claiming}, the first header above the anchor block that claims the results of
     * the anchor block or a later one; {@code top}, the lowest block of the first 3-chain that commits it.
     */
    private record CommittingSpan(int claiming, int top) {
    }

    private static CommittingSpan committingSpan(Block anchorBlock, List<CertifiedHeader> chain) {
        if (chain.isEmpty() || !chain.get(0).header().equals(anchorBlock.header())) {
            throw new IllegalArgumentException("the chain must start with the anchor block's header (height "
                    + anchorBlock.height() + ")");
        }
        long h = anchorBlock.height();
        int usable = Math.min(chain.size(), AuditProof.MAX_HEADERS);
        int claiming = -1;
        long highestClaim = -1;
        for (int j = 1; j < usable; j++) {
            BlockHeader below = chain.get(j - 1).header();
            BlockHeader above = chain.get(j).header();
            if (above.height() != below.height() + 1 || !above.parentHash().equals(below.hash())) {
                throw new IllegalArgumentException("the header at height " + above.height() + " does not extend the"
                        + " one at height " + below.height());
            }
            highestClaim = Math.max(highestClaim, above.executed().height());
            if (claiming < 0 && above.executed().height() >= h) {
                claiming = j;
            }
            // Headers j-2, j-1, j with consecutive rounds commit header j-2 and every header below it.
            if (claiming >= 0 && j - 2 >= claiming && above.round() == below.round() + 1
                    && below.round() == chain.get(j - 2).header().round() + 1) {
                return new CommittingSpan(claiming, j - 2);
            }
        }
        long last = chain.get(usable - 1).header().height();
        boolean bounded = chain.size() > AuditProof.MAX_HEADERS;
        String within = "within the " + usable + " header(s) " + (bounded ? "a proof may carry" : "given")
                + " (heights " + h + ".." + last + ")";
        String why = bounded ? "a proof of it would need more than " + AuditProof.MAX_HEADERS + " headers"
                : "more blocks are needed";
        if (claiming < 0) {
            throw new IllegalArgumentException("no header claims the results of block " + h + " or a later one "
                    + within + "; the highest claim is of block " + highestClaim + ": " + why);
        }
        BlockHeader claim = chain.get(claiming).header();
        throw new IllegalArgumentException("the header at height " + claim.height() + " claims the results of block "
                + claim.executed().height() + ", but no 3-chain of consecutive rounds commits it " + within + ": "
                + why);
    }

    /**
     * The results of blocks h..c, where c is what {@code claiming} claims, checked to chain into each other and to
     * end in the claimed results hash.
     */
    private static List<BlockResults> resultsUpTo(List<BlockResults> results, BlockHeader claiming) {
        long h = results.get(0).height();
        long c = claiming.executed().height();
        int needed = Math.toIntExact(c - h + 1);
        if (results.size() < needed) {
            throw new IllegalArgumentException("the header at height " + claiming.height() + " claims the results of"
                    + " block " + c + ": the results of blocks " + h + ".." + c + " are needed, only those of blocks "
                    + h + ".." + (h + results.size() - 1) + " were given");
        }
        for (int i = 1; i < needed; i++) {
            BlockResults below = results.get(i - 1);
            BlockResults above = results.get(i);
            if (above.height() != below.height() + 1 || !above.previousResultsHash().equals(below.resultsHash())) {
                throw new IllegalArgumentException("the results given for block " + above.height() + " do not follow"
                        + " those of block " + below.height() + ": they chain to "
                        + above.previousResultsHash().shortHex() + ", which is not " + below.resultsHash().shortHex());
            }
        }
        BlockResults last = results.get(needed - 1);
        if (!last.resultsHash().equals(claiming.executed().resultsHash())) {
            throw new IllegalArgumentException("the header at height " + claiming.height() + " claims results hash "
                    + claiming.executed().resultsHash().shortHex() + " for block " + c + ", but the results given"
                    + " hash to " + last.resultsHash().shortHex() + ": they are not this chain's results (or the"
                    + " claimant's execution diverged, which validators count as a divergence)");
        }
        return results.subList(0, needed);
    }
}
