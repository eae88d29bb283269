package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Verifier;

/**
 * Checks an {@link AuditProof} offline against what the auditor trusts: the chain id and validator set of the
 * genesis file. Nothing else is taken on faith; no node is asked.
 *
 * <p>It works from the trusted end down, so the first failure names the part that was tampered with or is missing
 * (see {@link AuditStep}): the certificates carry a quorum of the validators' signatures; they certify the last
 * three headers, whose consecutive rounds make the 3-chain that commits the lowest of them and, by the parent
 * links, every header below it (docs/CONSENSUS.md, "Lock and commit"); one of those committed headers claims the
 * results of the block the proof's results chain reaches; the anchor transaction is signed and sits in the
 * anchor block; its execution record, through the anchor block's records root and the results chain, hashes to
 * that claim and shows the trace contract accepted it; the anchored root is the batch root; the record sits in the
 * batch where its sequence number says.
 *
 * <p>Every byte of a proof is covered by one of these checks, so no byte can change and the proof still verify.
 * The validator set is the genesis one: a chain that reconfigures its validators needs the proof to carry the
 * hand-over, which this version does not do. A results claim is its proposer's word: validators certify the
 * header without re-executing, and find a false claim only afterwards, as a divergence (docs/CONTRACTS.md).
 */
public final class AuditProofVerifier {
    private final String chainId;
    private final ValidatorSet validators;
    private final CodecLimits limits;

    public AuditProofVerifier(String chainId, ValidatorSet validators) {
        this(chainId, validators, CodecLimits.DEFAULT);
    }

    public AuditProofVerifier(String chainId, ValidatorSet validators, CodecLimits limits) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.validators = Objects.requireNonNull(validators, "validators");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Decodes the canonical binary form and verifies it; bytes that do not decode fail at {@code PROOF_FORMAT}. */
    public AuditVerdict verifyEncoded(byte[] encoded) {
        AuditProof proof;
        try {
            proof = AuditProof.decode(encoded, limits);
        } catch (IllegalArgumentException e) {
            return new AuditVerdict.Invalid(AuditStep.PROOF_FORMAT, e.getMessage());
        }
        return verify(proof);
    }

    /** Reads the JSON form and verifies it; JSON that does not read fails at {@code PROOF_FORMAT}. */
    public AuditVerdict verifyJson(byte[] json) {
        AuditProof proof;
        try {
            proof = AuditProof.fromJson(json);
        } catch (IllegalArgumentException e) {
            return new AuditVerdict.Invalid(AuditStep.PROOF_FORMAT, e.getMessage());
        }
        return verify(proof);
    }

    public AuditVerdict verify(AuditProof proof) {
        try {
            return check(proof);
        } catch (StepFailed failed) {
            return new AuditVerdict.Invalid(failed.step, failed.getMessage());
        }
    }

    /** A failed step; thrown inside this class only, to leave the chain of checks at the first failure. */
    private static final class StepFailed extends RuntimeException {
        private final AuditStep step;

        StepFailed(AuditStep step, String reason) {
            super(reason, null, false, false);
            this.step = step;
        }
    }

    private static StepFailed fail(AuditStep step, String reason) {
        return new StepFailed(step, reason);
    }

    private AuditVerdict check(AuditProof proof) {
        List<BlockHeader> headers = proof.headers();
        List<QuorumCertificate> certificates = proof.certificates();
        if (headers.size() < AuditProof.COMMIT_CERTIFICATES) {
            throw fail(AuditStep.COMMIT_RULE, "the proof has " + headers.size() + " header(s); the 3-chain commit"
                    + " rule needs the anchor block and at least two descendants");
        }
        if (certificates.size() != AuditProof.COMMIT_CERTIFICATES) {
            throw fail(AuditStep.COMMIT_RULE, "the proof has " + certificates.size() + " certificate(s); the 3-chain"
                    + " commit rule needs one for each of the last 3 headers");
        }
        int top = headers.size() - AuditProof.COMMIT_CERTIFICATES;
        for (int i = 0; i < certificates.size(); i++) {
            checkCertificate(certificates.get(i), i);
        }
        checkHeaderChain(headers, certificates, top);
        checkCommitRule(headers, top);

        BlockHeader anchorHeader = headers.get(0);
        List<BlockHeader> claiming = checkResultsClaim(headers, top, proof.resultsChain());
        Transaction tx = proof.anchorTransaction();
        AnchorCommand anchored = checkAnchorTransaction(tx);
        Hash txRoot = proof.transactionPath().rootFrom(tx.hash());
        if (!txRoot.equals(anchorHeader.transactionsRoot())) {
            throw fail(AuditStep.TRANSACTION_IN_BLOCK, "anchor tx " + tx.hash().shortHex() + " is not in block "
                    + anchorHeader.height() + ": its " + proof.transactionPath().size() + "-step path leads to "
                    + txRoot.shortHex() + ", the header's transactionsRoot is "
                    + anchorHeader.transactionsRoot().shortHex());
        }
        BlockHeader claim = checkExecutionResults(proof.anchorExecution(), proof.executionPath(),
                proof.resultsChain(), anchorHeader, claiming);
        TraceAnchor accepted = checkExecution(proof.anchorExecution(), tx, anchored, anchorHeader);
        if (!anchored.root().equals(proof.batchRoot())) {
            throw fail(AuditStep.ANCHORED_ROOT, "the anchor tx anchors root " + anchored.root().shortHex()
                    + ", the proof's batch root is " + proof.batchRoot().shortHex());
        }
        String streamId = ContractAddress.parse(tx.contract()).instance();
        Hash recordHash = checkRecord(proof.record(), proof.recordProof(), proof.batchRoot(), streamId, anchored);
        return new AuditVerdict.Valid(chainId, streamId, proof.record().sequence(), proof.record().kind(), recordHash,
                proof.batchRoot(), anchored.firstSeq(), anchored.lastSeq(), tx.sender(), tx.hash(),
                anchorHeader.height(), anchorHeader.hash(), accepted.blockTimeMillis(), claim.executed().height(),
                claim.height(), headers.get(top).height());
    }

    /**
     * The committed headers above the anchor block (indexes 1..top) that claim the results of the block the results
     * chain reaches. The anchor block's own header cannot claim it: a header claims only blocks below it.
     */
    private static List<BlockHeader> checkResultsClaim(List<BlockHeader> headers, int top, ResultsChain chain) {
        BlockHeader anchorHeader = headers.get(0);
        long claimed = chain.claimedHeight(anchorHeader.height());
        List<BlockHeader> claiming = new ArrayList<>();
        for (BlockHeader header : headers.subList(1, top + 1)) {
            if (header.executed().height() == claimed) {
                claiming.add(header);
            }
        }
        if (!claiming.isEmpty()) {
            return claiming;
        }
        String reach = "the results chain runs from block " + anchorHeader.height() + " to block " + claimed + " ("
                + chain.laterRecordsRoots().size() + " later records root(s))";
        for (BlockHeader header : headers.subList(top + 1, headers.size())) {
            if (header.executed().height() == claimed) {
                throw fail(AuditStep.RESULTS_CLAIM, reach + ", but the header at height " + header.height()
                        + " that claims block " + claimed + " is not committed: the 3-chain at heights "
                        + headers.get(top).height() + ", " + headers.get(top + 1).height() + ", "
                        + headers.get(top + 2).height() + " commits block " + headers.get(top).height() + " and below");
            }
        }
        List<Long> claims = new ArrayList<>();
        for (BlockHeader header : headers.subList(1, top + 1)) {
            claims.add(header.executed().height());
        }
        throw fail(AuditStep.RESULTS_CLAIM, reach + ", but no committed header of the proof claims block " + claimed
                + (claims.isEmpty() ? ": the proof has no committed header above the anchor block"
                : ": the headers at heights " + (anchorHeader.height() + 1) + ".." + headers.get(top).height()
                + " claim blocks " + claims));
    }

    /**
     * Every signature must verify, not only a quorum of them: a certificate is one value, and letting any of its
     * bytes change unnoticed would make the proof malleable.
     */
    private void checkCertificate(QuorumCertificate qc, int i) {
        String what = "certificate " + (i + 1) + " of 3 (block " + qc.blockHash().shortHex() + ", height "
                + qc.height() + ", round " + qc.round() + ")";
        int quorum = validators.quorumSize();
        byte[] signed = QuorumCertificate.voteSigningBytes(qc.blockHash(), qc.round(), qc.height());
        Set<PublicKey> signers = new HashSet<>();
        int valid = 0;
        String firstBad = null;
        for (ValidatorSignature vote : qc.signatures()) {
            if (!validators.contains(vote.signer())) {
                throw fail(AuditStep.COMMIT_CERTIFICATES, what + " is signed by " + vote.signer()
                        + ", which is not in the validator set");
            }
            if (!signers.add(vote.signer())) {
                throw fail(AuditStep.COMMIT_CERTIFICATES, what + " lists signer " + vote.signer() + " twice");
            }
            if (Verifier.verify(vote.signer(), signed, vote.signature())) {
                valid++;
            } else if (firstBad == null) {
                firstBad = vote.signer().toString();
            }
        }
        if (valid < quorum) {
            throw fail(AuditStep.COMMIT_CERTIFICATES, what + " has " + valid + " valid signature(s), quorum is "
                    + quorum + " of " + validators.size() + (firstBad == null ? ""
                    : " (the signature of " + firstBad + " does not verify)"));
        }
        if (firstBad != null) {
            throw fail(AuditStep.COMMIT_CERTIFICATES, what + ": the signature of " + firstBad + " does not verify;"
                    + " a certificate must carry no invalid signature, even when the others reach the quorum");
        }
    }

    private static void checkHeaderChain(List<BlockHeader> headers, List<QuorumCertificate> certificates, int top) {
        for (int j = 1; j < headers.size(); j++) {
            BlockHeader below = headers.get(j - 1);
            BlockHeader above = headers.get(j);
            if (above.height() != below.height() + 1) {
                throw fail(AuditStep.HEADER_CHAIN, "header " + j + " has height " + above.height()
                        + ", the header before it has height " + below.height());
            }
            Hash belowHash = below.hash();
            if (!above.parentHash().equals(belowHash)) {
                throw fail(AuditStep.HEADER_CHAIN, "header at height " + above.height() + " names parent "
                        + above.parentHash().shortHex() + ", but the header at height " + below.height()
                        + " hashes to " + belowHash.shortHex());
            }
        }
        for (int i = 0; i < certificates.size(); i++) {
            QuorumCertificate qc = certificates.get(i);
            BlockHeader header = headers.get(top + i);
            Hash hash = header.hash();
            if (!qc.blockHash().equals(hash) || qc.round() != header.round() || qc.height() != header.height()) {
                throw fail(AuditStep.HEADER_CHAIN, "certificate " + (i + 1) + " of 3 certifies block "
                        + qc.blockHash().shortHex() + " (height " + qc.height() + ", round " + qc.round()
                        + "), but the header at height " + header.height() + " is block " + hash.shortHex()
                        + " (round " + header.round() + ")");
            }
        }
    }

    private static void checkCommitRule(List<BlockHeader> headers, int top) {
        BlockHeader b3 = headers.get(top);
        BlockHeader b2 = headers.get(top + 1);
        BlockHeader b1 = headers.get(top + 2);
        if (b2.round() != b3.round() + 1 || b1.round() != b2.round() + 1) {
            throw fail(AuditStep.COMMIT_RULE, "the certified blocks at heights " + b3.height() + ", " + b2.height()
                    + ", " + b1.height() + " have rounds " + b3.round() + ", " + b2.round() + ", " + b1.round()
                    + ": the 3-chain commit rule needs consecutive rounds, so they do not commit block "
                    + b3.height());
        }
    }

    private AnchorCommand checkAnchorTransaction(Transaction tx) {
        if (!tx.hasValidSignature()) {
            throw fail(AuditStep.ANCHOR_TRANSACTION, "anchor tx signature invalid: the signature of " + tx.sender()
                    + " does not verify over transaction " + tx.hash().shortHex());
        }
        if (!tx.chainId().equals(chainId)) {
            throw fail(AuditStep.ANCHOR_TRANSACTION, "the anchor tx is for chain '" + tx.chainId()
                    + "', this verifier checks chain '" + chainId + "'");
        }
        ContractAddress address;
        try {
            address = ContractAddress.parse(tx.contract());
        } catch (IllegalArgumentException e) {
            throw fail(AuditStep.ANCHOR_TRANSACTION, "the anchor tx addresses '" + tx.contract() + "': "
                    + e.getMessage());
        }
        if (!address.contract().equals(TraceContract.NAME) || !tx.command().equals(TraceContract.ANCHOR)) {
            throw fail(AuditStep.ANCHOR_TRANSACTION, "the anchor tx calls " + tx.contract() + "." + tx.command()
                    + ", not trace/<stream>." + TraceContract.ANCHOR);
        }
        try {
            return ContractJson.read(tx.payload(), AnchorCommand.class, "anchor tx payload");
        } catch (ContractRefusal e) {
            throw fail(AuditStep.ANCHOR_TRANSACTION, e.getMessage());
        }
    }

    /**
     * From the execution record, its path gives the anchor block's records root, and the results chain the results
     * hash of the claimed block: one of the claiming headers must claim exactly that hash. Returns that header.
     */
    private static BlockHeader checkExecutionResults(ExecutionRecord execution, MerklePath path, ResultsChain chain,
                                                     BlockHeader anchorHeader, List<BlockHeader> claiming) {
        long h = anchorHeader.height();
        long claimed = chain.claimedHeight(h);
        Hash recordsRoot = path.rootFrom(execution.hash());
        Hash results = chain.resultsHashFrom(h, recordsRoot);
        for (BlockHeader header : claiming) {
            if (header.executed().resultsHash().equals(results)) {
                return header;
            }
        }
        BlockHeader first = claiming.get(0);
        throw fail(AuditStep.ANCHOR_EXECUTION, "the execution record is not in the results of block " + h
                + ": its " + path.size() + "-step path gives records root " + recordsRoot.shortHex()
                + (claimed == h ? ", which makes results hash " : ", and the results chain through block " + claimed
                + " gives results hash ") + results.shortHex() + " for block " + claimed + ", but the header at height "
                + first.height() + " claims " + first.executed().resultsHash().shortHex()
                + (claiming.size() > 1 ? " (and " + (claiming.size() - 1) + " other header(s) claim other hashes)"
                : ""));
    }

    private static TraceAnchor checkExecution(ExecutionRecord execution, Transaction tx, AnchorCommand anchored,
                                              BlockHeader anchorHeader) {
        if (execution.internal() || !execution.origin().equals(tx.hash()) || !execution.address().equals(tx.contract())
                || !execution.command().equals(tx.command())) {
            throw fail(AuditStep.ANCHOR_EXECUTION, "the execution record is not the anchor tx's own execution: it"
                    + " ran " + execution.address() + "." + execution.command() + (execution.internal()
                    ? " as an internal message" : "") + " for transaction " + execution.origin().shortHex());
        }
        if (!execution.result().ok() || !execution.result().code().equals(TraceContract.ANCHORED)) {
            throw fail(AuditStep.ANCHOR_EXECUTION, "the trace contract did not accept the anchor: it answered "
                    + execution.result().code() + ": " + execution.result().text());
        }
        TraceAnchor accepted;
        try {
            accepted = ContractJson.read(execution.result().data(), TraceAnchor.class, "anchor result");
        } catch (ContractRefusal e) {
            throw fail(AuditStep.ANCHOR_EXECUTION, e.getMessage());
        }
        if (!accepted.root().equals(anchored.root()) || accepted.firstSeq() != anchored.firstSeq()
                || accepted.lastSeq() != anchored.lastSeq() || accepted.count() != anchored.count()
                || !accepted.previousRoot().equals(anchored.previousRoot())
                || accepted.height() != anchorHeader.height() || accepted.index() != execution.index()
                || !accepted.transaction().equals(tx.hash()) || !accepted.gateway().equals(tx.sender())) {
            throw fail(AuditStep.ANCHOR_EXECUTION, "the accepted anchor " + execution.result().text()
                    + " disagrees with the anchor tx or its block (height " + anchorHeader.height() + ")");
        }
        return accepted;
    }

    private static Hash checkRecord(TraceRecord record, MerkleProof proof, Hash batchRoot, String streamId,
                                    AnchorCommand anchored) {
        if (!record.streamId().equals(streamId)) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: the record is of stream '"
                    + record.streamId() + "', the anchor is for stream '" + streamId + "'");
        }
        long sequence = record.sequence();
        if (sequence < anchored.firstSeq() || sequence > anchored.lastSeq()) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: sequence " + sequence
                    + " is outside the anchored range " + anchored.firstSeq() + ".." + anchored.lastSeq());
        }
        if (proof.treeSize() != anchored.count()) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: the merkle proof is for a batch of "
                    + proof.treeSize() + " records, the anchored batch has " + anchored.count());
        }
        if (proof.leafIndex() != sequence - anchored.firstSeq()) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: sequence " + sequence + " is leaf "
                    + (sequence - anchored.firstSeq()) + " of the batch, the merkle proof is for leaf "
                    + proof.leafIndex());
        }
        int expected = MerklePath.sides(proof.leafIndex(), proof.treeSize()).size();
        if (proof.path().size() != expected) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: the merkle path has " + proof.path().size()
                    + " element(s), leaf " + proof.leafIndex() + " of " + proof.treeSize() + " needs " + expected);
        }
        Hash leaf = record.leafHash();
        if (!proof.verify(leaf, batchRoot)) {
            throw fail(AuditStep.RECORD_IN_BATCH, "record not in batch: merkle path mismatch: from record "
                    + leaf.shortHex() + " (leaf " + proof.leafIndex() + " of " + proof.treeSize() + ") the "
                    + expected + "-level path leads to " + MerklePath.of(proof).rootFrom(leaf).shortHex()
                    + ", not to the batch root " + batchRoot.shortHex());
        }
        return leaf;
    }
}
