package org.fogledger.ledger.contract.trace;

import static org.fogledger.ledger.contract.trace.TraceFixtures.flip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.MerkleProof;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.codec.CodecLimits;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.Signature;
import org.junit.jupiter.api.Test;

/**
 * A proof built from a real chain segment verifies offline; changing any one part of it makes verification fail
 * at the step that checks that part, with a reason that says what is wrong.
 */
class AuditProofVerifierTest {
    private final AnchoredScenario s = AnchoredScenario.shared();

    private AuditVerdict.Invalid invalid(AuditProof proof, AuditStep step) {
        AuditVerdict verdict = s.verifier.verify(proof);
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class, verdict, verdict.describe());
        assertEquals(step, invalid.step(), invalid.describe());
        return invalid;
    }

    private static Hash flipped(Hash hash, int index) {
        return Hash.of(flip(hash.bytes(), index, 0x01));
    }

    @Test
    void aProofFromARealChainVerifiesOffline() {
        AuditVerdict verdict = s.verifier.verify(s.proof);
        AuditVerdict.Valid valid = assertInstanceOf(AuditVerdict.Valid.class, verdict, verdict.describe());
        assertEquals("gw-7", valid.streamId());
        assertEquals(AnchoredScenario.PROVEN_SEQUENCE, valid.sequence());
        assertEquals(s.batch.root(), valid.batchRoot());
        assertEquals(0, valid.firstSeq());
        assertEquals(4, valid.lastSeq());
        assertEquals(s.chain.gateway.publicKey(), valid.gateway());
        assertEquals(s.anchorTx.hash(), valid.anchorTransaction());
        assertEquals(2, valid.anchorHeight());
        assertEquals(s.anchorBlock.hash(), valid.anchorBlock());
        assertEquals(s.anchorBlock.header().timestampMillis(), valid.blockTimeMillis());
        assertEquals(s.batch.record(2).leafHash(), valid.recordHash());
        // No header claims block 2: block 5 is the first to claim past it, and claims block 3. The 3-chain of
        // blocks 2, 3, 4 does not commit block 5; blocks 5, 6, 7 do.
        assertEquals(3, valid.claimedResultsHeight());
        assertEquals(5, valid.claimingHeight());
        assertEquals(5, valid.commitHeight());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), s.proof.headers().stream().map(BlockHeader::height).toList());
        assertEquals(new ResultsChain(s.chain.results(1).resultsHash(), List.of(s.chain.results(3).recordsRoot())),
                s.proof.resultsChain());
        assertTrue(verdict.describe().startsWith("valid: "), verdict.describe());
        assertTrue(verdict.describe().contains("accepted per the results of block 3 claimed in block 5, committed by"
                + " the 3-chain from height 5"), verdict.describe());
    }

    @Test
    void everyRecordOfTheBatchHasAProof() {
        for (long sequence = 0; sequence < 5; sequence++) {
            AuditProof proof = AuditProofBuilder.build(s.batch.record(sequence), s.batch, s.anchorTx, s.anchorBlock,
                    s.chain.resultsFrom(2), s.chain.certifiedFrom(2));
            assertTrue(s.verifier.verify(proof).valid(), s.verifier.verify(proof).describe());
        }
    }

    @Test
    void aChangedRecordIsNotInTheBatch() {
        byte[] encoded = s.proof.record().encode();
        int decodable = 0;
        for (int i = 0; i < encoded.length; i++) {
            TraceRecord changed;
            try {
                changed = TraceRecord.decode(flip(encoded, i, 0x01));
            } catch (IllegalArgumentException notARecord) {
                continue;
            }
            decodable++;
            AuditVerdict.Invalid invalid = invalid(AnchoredScenario.with(s.proof, changed), AuditStep.RECORD_IN_BATCH);
            assertTrue(invalid.reason().startsWith("record not in batch: "), invalid.reason());
        }
        assertTrue(decodable > encoded.length / 2, "most single-bit changes still decode: " + decodable);
    }

    @Test
    void aChangedRecordPathElementIsAMerkleMismatch() {
        MerkleProof proof = s.proof.recordProof();
        assertEquals(3, proof.path().size());
        for (int level = 0; level < proof.path().size(); level++) {
            List<Hash> path = new ArrayList<>(proof.path());
            path.set(level, flipped(path.get(level), 17));
            AuditVerdict.Invalid invalid = invalid(AnchoredScenario.withRecordProof(s.proof,
                    new MerkleProof(proof.leafIndex(), proof.treeSize(), path)), AuditStep.RECORD_IN_BATCH);
            assertTrue(invalid.reason().startsWith("record not in batch: merkle path mismatch: from record "),
                    invalid.reason());
            assertTrue(invalid.reason().contains("(leaf 2 of 5) the 3-level path leads to "), invalid.reason());
        }
    }

    @Test
    void aRecordProofForAnotherLeafOrBatchSizeIsRefusedByName() {
        MerkleProof proof = s.proof.recordProof();
        assertTrue(invalid(AnchoredScenario.withRecordProof(s.proof, new MerkleProof(3, 5, proof.path())),
                AuditStep.RECORD_IN_BATCH).reason().contains("sequence 2 is leaf 2 of the batch, the merkle proof"
                + " is for leaf 3"));
        assertTrue(invalid(AnchoredScenario.withRecordProof(s.proof, new MerkleProof(2, 6, proof.path())),
                AuditStep.RECORD_IN_BATCH).reason().contains("for a batch of 6 records, the anchored batch has 5"));
        assertTrue(invalid(AnchoredScenario.withRecordProof(s.proof, new MerkleProof(2, 5, proof.path().subList(0,
                2))), AuditStep.RECORD_IN_BATCH).reason().contains("the merkle path has 2 element(s), leaf 2 of 5"
                + " needs 3"));
    }

    @Test
    void aRecordOfAnotherStreamOrOutsideTheRangeIsRefused() {
        TraceRecord r = s.proof.record();
        TraceRecord otherStream = new TraceRecord(r.kind(), r.data(), r.actor(), r.recipient(), r.purpose(),
                r.consentId(), "gw-8", r.sequence(), r.timeMillis());
        assertTrue(invalid(AnchoredScenario.with(s.proof, otherStream), AuditStep.RECORD_IN_BATCH).reason()
                .contains("the record is of stream 'gw-8', the anchor is for stream 'gw-7'"));
        TraceRecord later = new TraceRecord(r.kind(), r.data(), r.actor(), r.recipient(), r.purpose(),
                r.consentId(), r.streamId(), 5, r.timeMillis());
        assertTrue(invalid(AnchoredScenario.with(s.proof, later), AuditStep.RECORD_IN_BATCH).reason()
                .contains("sequence 5 is outside the anchored range 0..4"));
    }

    @Test
    void aChangedBatchRootIsNotTheAnchoredRoot() {
        for (int i : new int[] {0, 13, 31}) {
            AuditVerdict.Invalid invalid = invalid(AnchoredScenario.withBatchRoot(s.proof,
                    flipped(s.proof.batchRoot(), i)), AuditStep.ANCHORED_ROOT);
            assertTrue(invalid.reason().startsWith("the anchor tx anchors root " + s.batch.root().shortHex()),
                    invalid.reason());
        }
    }

    @Test
    void aChangedAnchorTransactionHasAnInvalidSignature() {
        byte[] encoded = s.anchorTx.encode();
        int decodable = 0;
        for (int i = 0; i < encoded.length; i++) {
            Transaction changed;
            try {
                changed = Transaction.decode(flip(encoded, i, 0x01), CodecLimits.DEFAULT);
            } catch (IllegalArgumentException notATransaction) {
                continue;
            }
            decodable++;
            AuditVerdict.Invalid invalid = invalid(AnchoredScenario.withTransaction(s.proof, changed),
                    AuditStep.ANCHOR_TRANSACTION);
            assertTrue(invalid.reason().startsWith("anchor tx signature invalid: "), i + ": " + invalid.reason());
        }
        assertTrue(decodable > encoded.length / 2, "decodable: " + decodable);
    }

    @Test
    void aChangedTransactionPathStepLeavesTheTransactionOutOfTheBlock() {
        MerklePath path = s.proof.transactionPath();
        // The anchor is transaction 1 of 3: a right-hand leaf, then a lone node carried up to meet leaf 2.
        assertEquals(List.of(MerklePath.Side.LEFT, MerklePath.Side.RIGHT),
                path.steps().stream().map(MerklePath.Step::side).toList());
        for (int level = 0; level < path.size(); level++) {
            List<MerklePath.Step> steps = new ArrayList<>(path.steps());
            MerklePath.Step step = steps.get(level);
            steps.set(level, new MerklePath.Step(step.side(), flipped(step.sibling(), 5)));
            assertTrue(invalid(AnchoredScenario.withTransactionPath(s.proof, new MerklePath(steps)),
                    AuditStep.TRANSACTION_IN_BLOCK).reason().startsWith("anchor tx " + s.anchorTx.hash().shortHex()
                    + " is not in block 2: its 2-step path leads to "));
            steps.set(level, new MerklePath.Step(step.side() == MerklePath.Side.LEFT ? MerklePath.Side.RIGHT
                    : MerklePath.Side.LEFT, step.sibling()));
            invalid(AnchoredScenario.withTransactionPath(s.proof, new MerklePath(steps)),
                    AuditStep.TRANSACTION_IN_BLOCK);
        }
    }

    @Test
    void aChangedExecutionRecordOrPathIsNotInTheBlockResults() {
        byte[] encoded = s.proof.anchorExecution().encode();
        int decodable = 0;
        // Every byte of the fixed fields and names, every ninth of the long result text (to keep the test fast).
        for (int i = 0; i < encoded.length; i += i < 90 || i >= encoded.length - 40 ? 1 : 9) {
            ExecutionRecord changed;
            try {
                changed = ExecutionRecord.decode(flip(encoded, i, 0x01), CodecLimits.DEFAULT);
            } catch (IllegalArgumentException notARecord) {
                continue;
            }
            decodable++;
            assertTrue(invalid(AnchoredScenario.withExecution(s.proof, changed), AuditStep.ANCHOR_EXECUTION)
                    .reason().startsWith("the execution record is not in the results of block 2"));
        }
        assertTrue(decodable > 100, "decodable: " + decodable);
        MerklePath path = s.proof.executionPath();
        for (int level = 0; level < path.size(); level++) {
            List<MerklePath.Step> steps = new ArrayList<>(path.steps());
            MerklePath.Step step = steps.get(level);
            steps.set(level, new MerklePath.Step(step.side(), flipped(step.sibling(), 0)));
            invalid(AnchoredScenario.withExecutionPath(s.proof, new MerklePath(steps)), AuditStep.ANCHOR_EXECUTION);
            steps.set(level, new MerklePath.Step(step.side() == MerklePath.Side.LEFT ? MerklePath.Side.RIGHT
                    : MerklePath.Side.LEFT, step.sibling()));
            invalid(AnchoredScenario.withExecutionPath(s.proof, new MerklePath(steps)), AuditStep.ANCHOR_EXECUTION);
        }
    }

    @Test
    void aChangedResultsChainDoesNotReachTheClaimedResults() {
        ResultsChain chain = s.proof.resultsChain();
        for (int i = 0; i < Hash.LENGTH; i++) {
            String reason = invalid(AnchoredScenario.withResultsChain(s.proof, new ResultsChain(
                    flipped(chain.previousResultsHash(), i), chain.laterRecordsRoots())), AuditStep.ANCHOR_EXECUTION)
                    .reason();
            assertTrue(reason.startsWith("the execution record is not in the results of block 2: its 2-step path"
                    + " gives records root " + s.chain.results(2).recordsRoot().shortHex() + ", and the results chain"
                    + " through block 3 gives results hash "), reason);
            assertTrue(reason.endsWith("for block 3, but the header at height 5 claims "
                    + s.chain.results(3).resultsHash().shortHex()), reason);
            for (int r = 0; r < chain.laterRecordsRoots().size(); r++) {
                List<Hash> roots = new ArrayList<>(chain.laterRecordsRoots());
                roots.set(r, flipped(roots.get(r), i));
                invalid(AnchoredScenario.withResultsChain(s.proof, new ResultsChain(chain.previousResultsHash(),
                        roots)), AuditStep.ANCHOR_EXECUTION);
            }
        }
    }

    @Test
    void aResultsChainOfAnotherLengthReachesABlockNoCommittedHeaderClaims() {
        ResultsChain chain = s.proof.resultsChain();
        String shorter = invalid(AnchoredScenario.withResultsChain(s.proof, new ResultsChain(
                chain.previousResultsHash(), List.of())), AuditStep.RESULTS_CLAIM).reason();
        assertEquals("the results chain runs from block 2 to block 2 (0 later records root(s)), but no committed"
                + " header of the proof claims block 2: the headers at heights 3..5 claim blocks [1, 1, 3]", shorter);
        List<Hash> longer = new ArrayList<>(chain.laterRecordsRoots());
        longer.add(s.chain.results(4).recordsRoot());
        assertTrue(invalid(AnchoredScenario.withResultsChain(s.proof, new ResultsChain(chain.previousResultsHash(),
                longer)), AuditStep.RESULTS_CLAIM).reason().contains("no committed header of the proof claims block"
                + " 4"));
    }

    @Test
    void aClaimInAHeaderThatIsNotCommittedProvesNothing() {
        // Blocks 3, 4, 5 are a 3-chain too, but it commits block 3 and below, not block 5 whose header claims.
        AuditProof uncommitted = AnchoredScenario.withCertificates(
                AnchoredScenario.withHeaders(s.proof, s.proof.headers().subList(0, 4)),
                List.of(s.chain.certify(s.chain.block(3), 0, 1, 2), s.chain.certify(s.chain.block(4), 0, 1, 2),
                        s.chain.certify(s.chain.block(5), 0, 1, 2)));
        assertEquals("the results chain runs from block 2 to block 3 (1 later records root(s)), but the header at"
                + " height 5 that claims block 3 is not committed: the 3-chain at heights 3, 4, 5 commits block 3"
                + " and below", invalid(uncommitted, AuditStep.RESULTS_CLAIM).reason());
    }

    @Test
    void theFirstThreeChainAloneCarriesNoClaimOfTheAnchorBlock() {
        // Blocks 2, 3, 4 commit block 2, but the only committed header above it is the anchor block itself.
        AuditProof firstThreeChain = AnchoredScenario.withCertificates(
                AnchoredScenario.withHeaders(s.proof, s.proof.headers().subList(0, 3)),
                List.of(s.chain.certify(s.chain.block(2), 0, 1, 2), s.chain.certify(s.chain.block(3), 0, 1, 2),
                        s.chain.certify(s.chain.block(4), 0, 1, 2)));
        assertEquals("the results chain runs from block 2 to block 3 (1 later records root(s)), but no committed"
                + " header of the proof claims block 3: the proof has no committed header above the anchor block",
                invalid(firstThreeChain, AuditStep.RESULTS_CLAIM).reason());
    }

    @Test
    void aChangedHeaderBreaksTheHeaderChain() {
        // Every byte of the anchor block's header; the first and last byte of each field of the others (height,
        // round, parent, transactions root, executed height, executed results hash, proposer, timestamp).
        int[] fieldBytes = {2, 9, 10, 17, 18, 49, 50, 81, 82, 89, 90, 121, 122, 154, 155, 162};
        for (int h = 0; h < s.proof.headers().size(); h++) {
            byte[] encoded = s.proof.headers().get(h).encode();
            assertEquals(163, encoded.length);
            int decodable = 0;
            int[] positions = h == 0 ? java.util.stream.IntStream.range(0, encoded.length).toArray() : fieldBytes;
            for (int i : positions) {
                BlockHeader changed;
                try {
                    changed = BlockHeader.decode(flip(encoded, i, 0x01));
                } catch (IllegalArgumentException notAHeader) {
                    continue;
                }
                decodable++;
                List<BlockHeader> headers = new ArrayList<>(s.proof.headers());
                headers.set(h, changed);
                invalid(AnchoredScenario.withHeaders(s.proof, headers), AuditStep.HEADER_CHAIN);
            }
            // Only the version, kind and key-scheme bytes of a header refuse to decode when changed, and the high
            // bytes of the executed height (a header claims only blocks below it).
            assertTrue(decodable >= positions.length - (h == 0 ? 10 : 2), "decodable: " + decodable);
        }
    }

    @Test
    void aChangedAnchorHeaderNamesTheBrokenLink() {
        List<BlockHeader> headers = new ArrayList<>(s.proof.headers());
        BlockHeader h = headers.get(0);
        headers.set(0, new BlockHeader(h.height(), h.round(), h.parentHash(), flipped(h.transactionsRoot(), 0),
                h.executed(), h.proposer(), h.timestampMillis()));
        String reason = invalid(AnchoredScenario.withHeaders(s.proof, headers), AuditStep.HEADER_CHAIN).reason();
        assertTrue(reason.startsWith("header at height 3 names parent " + s.anchorBlock.hash().shortHex()
                + ", but the header at height 2 hashes to "), reason);
    }

    @Test
    void aChangedCertificateSignatureLeavesTooFewValidSignatures() {
        for (int c = 0; c < 3; c++) {
            QuorumCertificate qc = s.proof.certificates().get(c);
            for (int v = 0; v < qc.signatures().size(); v++) {
                List<ValidatorSignature> votes = new ArrayList<>(qc.signatures());
                ValidatorSignature vote = votes.get(v);
                votes.set(v, new ValidatorSignature(vote.signer(), Signature.of(vote.signature().scheme(),
                        flip(vote.signature().raw(), 40, 0x01))));
                List<QuorumCertificate> qcs = new ArrayList<>(s.proof.certificates());
                qcs.set(c, new QuorumCertificate(qc.blockHash(), qc.round(), qc.height(), votes));
                String reason = invalid(AnchoredScenario.withCertificates(s.proof, qcs),
                        AuditStep.COMMIT_CERTIFICATES).reason();
                assertTrue(reason.startsWith("certificate " + (c + 1) + " of 3 (block " + qc.blockHash().shortHex()
                        + ", height " + qc.height() + ", round " + qc.round() + ") has 2 valid signature(s), quorum"
                        + " is 3 of 4 (the signature of " + vote.signer() + " does not verify)"), reason);
            }
        }
    }

    @Test
    void certificatesWithTooFewSignersStrangersOrAnyBadSignatureAreRefused() {
        Block top = s.chain.block(7);
        List<QuorumCertificate> qcs = new ArrayList<>(s.proof.certificates());
        qcs.set(2, s.chain.certify(top, 0, 1));
        assertTrue(invalid(AnchoredScenario.withCertificates(s.proof, qcs), AuditStep.COMMIT_CERTIFICATES).reason()
                .endsWith("has 2 valid signature(s), quorum is 3 of 4"));
        qcs.set(2, s.chain.certify(top, 0, 1, 6));
        assertTrue(invalid(AnchoredScenario.withCertificates(s.proof, qcs), AuditStep.COMMIT_CERTIFICATES).reason()
                .contains("is signed by " + ChainFixtures.key(6).publicKey() + ", which is not in the validator set"));
        // Four signatures, one of them bad: three valid ones reach the quorum, but the certificate is still refused.
        QuorumCertificate four = s.chain.certify(top, 0, 1, 2, 3);
        List<ValidatorSignature> votes = new ArrayList<>(four.signatures());
        ValidatorSignature last = votes.get(3);
        votes.set(3, new ValidatorSignature(last.signer(), Signature.of(last.signature().scheme(),
                flip(last.signature().raw(), 0, 0x80))));
        qcs.set(2, new QuorumCertificate(four.blockHash(), four.round(), four.height(), votes));
        assertTrue(invalid(AnchoredScenario.withCertificates(s.proof, qcs), AuditStep.COMMIT_CERTIFICATES).reason()
                .contains("a certificate must carry no invalid signature"));
        // All four valid: fine.
        qcs.set(2, four);
        assertTrue(s.verifier.verify(AnchoredScenario.withCertificates(s.proof, qcs)).valid());
    }

    @Test
    void aVerifierTrustingOtherValidatorsOrAnotherChainRefuses() {
        AuditProofVerifier otherSet = new AuditProofVerifier(TraceChain.CHAIN_ID,
                org.fogledger.ledger.chain.ValidatorSet.of(ChainFixtures.key(4).publicKey(),
                        ChainFixtures.key(5).publicKey(), ChainFixtures.key(6).publicKey(),
                        ChainFixtures.key(7).publicKey()));
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class, otherSet.verify(s.proof));
        assertEquals(AuditStep.COMMIT_CERTIFICATES, invalid.step());
        AuditProofVerifier otherChain = new AuditProofVerifier("another-chain", s.chain.validators);
        invalid = assertInstanceOf(AuditVerdict.Invalid.class, otherChain.verify(s.proof));
        assertEquals(AuditStep.ANCHOR_TRANSACTION, invalid.step());
        assertEquals("the anchor tx is for chain 'fogledger-trace-test', this verifier checks chain 'another-chain'",
                invalid.reason());
    }

    @Test
    void certifiedBlocksWithoutConsecutiveRoundsDoNotCommit() {
        // Block 5 claims block 3 (past the anchor block 2). Blocks 5, 6 at rounds 5, 6; round 7 timed out; blocks
        // 7, 8, 9 at rounds 8, 9, 10: the first 3-chain that commits block 5 is 7, 8, 9.
        TraceChain chain = new TraceChain();
        chain.append(1, chain.register("gw-7", chain.gateway));
        TraceBatcher batcher = TraceBatcher.forNewStream("gw-7", 2);
        batcher.add(TraceFixtures.record("gw-7", 0, TraceKind.COLLECT));
        TraceBatch batch = batcher.add(TraceFixtures.record("gw-7", 1, TraceKind.STORE)).orElseThrow();
        Transaction anchorTx = chain.anchor(chain.gateway, batch);
        Block anchorBlock = chain.append(2, anchorTx);
        for (long round : new long[] {3, 4, 5, 6, 8, 9, 10}) {
            chain.append(round);
        }
        AuditProof proof = AuditProofBuilder.build(batch.record(1), batch, anchorTx, anchorBlock,
                chain.resultsFrom(2), chain.certifiedFrom(2));
        assertEquals(8, proof.headers().size(), "the builder climbs to the first 3-chain above block 5: 7, 8, 9");
        AuditProofVerifier verifier = new AuditProofVerifier(TraceChain.CHAIN_ID, chain.validators);
        AuditVerdict verdict = verifier.verify(proof);
        assertTrue(verdict.valid(), verdict.describe());
        assertEquals(7, ((AuditVerdict.Valid) verdict).commitHeight());

        // Blocks 5, 6, 7 are each certified, but rounds 5, 6, 8 are no 3-chain.
        AuditProof tooShort = AnchoredScenario.withCertificates(AnchoredScenario.withHeaders(proof,
                proof.headers().subList(0, 6)), List.of(chain.certify(chain.block(5), 0, 1, 2),
                chain.certify(chain.block(6), 0, 1, 2), chain.certify(chain.block(7), 0, 1, 2)));
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class, verifier.verify(tooShort));
        assertEquals(AuditStep.COMMIT_RULE, invalid.step());
        assertEquals("the certified blocks at heights 5, 6, 7 have rounds 5, 6, 8: the 3-chain commit rule needs"
                + " consecutive rounds, so they do not commit block 5", invalid.reason());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                batch.record(1), batch, anchorTx, anchorBlock, chain.resultsFrom(2),
                chain.certifiedFrom(2).subList(0, 7)));
        assertEquals("the header at height 5 claims the results of block 3, but no 3-chain of consecutive rounds"
                + " commits it within the 7 header(s) given (heights 2..8): more blocks are needed", e.getMessage());
    }

    @Test
    void aCertificateOfOneBlockAloneIsNotCommitEvidence() {
        AuditProof single = AnchoredScenario.withCertificates(
                AnchoredScenario.withHeaders(s.proof, s.proof.headers().subList(0, 1)),
                s.proof.certificates().subList(0, 1));
        assertTrue(invalid(single, AuditStep.COMMIT_RULE).reason().startsWith("the proof has 1 header(s)"));
        AuditProof twoCertificates = AnchoredScenario.withCertificates(s.proof, s.proof.certificates().subList(1, 3));
        assertTrue(invalid(twoCertificates, AuditStep.COMMIT_RULE).reason().startsWith("the proof has 2"
                + " certificate(s)"));
    }

    @Test
    void anAnchorTheContractRefusedProvesNothing() {
        // A stranger anchors a batch in gw-7's name. The transaction is validly signed and committed, but the trace
        // contract refused it: only the results the headers claim tell the two apart.
        TraceChain chain = new TraceChain();
        chain.append(1, chain.register("gw-7", chain.gateway));
        TraceBatcher batcher = TraceBatcher.forNewStream("gw-7", 1);
        TraceBatch forged = batcher.add(TraceFixtures.record("gw-7", 0, TraceKind.SHARE)).orElseThrow();
        Transaction forgedTx = chain.anchor(chain.stranger, forged);
        Block block = chain.append(2, forgedTx);
        for (long height = 3; height <= 7; height++) {
            chain.append(height);
        }
        assertEquals("not-gateway", chain.results(2).forTransaction(0).result().code());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                forged.record(0), forged, forgedTx, block, chain.resultsFrom(2), chain.certifiedFrom(2)));
        assertTrue(refused.getMessage().contains("did not accept anchor tx"), refused.getMessage());

        AuditProof proof = AuditProofBuilder.assemble(forged.record(0), forged, forgedTx, block, chain.resultsFrom(2),
                chain.certifiedFrom(2));
        AuditVerdict.Invalid invalid = assertInstanceOf(AuditVerdict.Invalid.class,
                new AuditProofVerifier(TraceChain.CHAIN_ID, chain.validators).verify(proof));
        assertEquals(AuditStep.ANCHOR_EXECUTION, invalid.step());
        assertTrue(invalid.reason().startsWith("the trace contract did not accept the anchor: it answered"
                + " not-gateway: anchors of stream 'gw-7' must be signed by its gateway"), invalid.reason());
    }

    @Test
    void theBuilderRefusesInputsThatCannotMakeAProof() {
        TraceRecord notInBatch = TraceFixtures.record("gw-7", 2, TraceKind.STORE);
        assertFalse(notInBatch.equals(s.batch.record(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                notInBatch, s.batch, s.anchorTx, s.anchorBlock, s.chain.resultsFrom(2), s.chain.certifiedFrom(2)));
        assertTrue(e.getMessage().startsWith("record 2 of stream 'gw-7' is not in TraceBatch[gw-7 0..4"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                s.batch.record(2), s.batch, s.anchorTx, s.chain.block(1), s.chain.resultsFrom(1),
                s.chain.certifiedFrom(1)));
        assertTrue(e.getMessage().contains("is not in block 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(s.batch.record(2), s.batch,
                s.anchorTx, s.anchorBlock, s.chain.resultsFrom(2), s.chain.certifiedFrom(3)));
        assertTrue(e.getMessage().startsWith("the chain must start with the anchor block's header"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(s.batch.record(2), s.batch,
                s.anchorTx, s.anchorBlock, s.chain.resultsFrom(3), s.chain.certifiedFrom(2)));
        assertEquals("the results must start with those of the anchor block (height 2), the first given are of"
                + " block 3", e.getMessage());
    }

    @Test
    void theBuilderRefusesResultsThatDoNotReachTheClaim() {
        List<BlockResults> results = s.chain.resultsFrom(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                s.batch.record(2), s.batch, s.anchorTx, s.anchorBlock, results.subList(0, 1),
                s.chain.certifiedFrom(2)));
        assertEquals("the header at height 5 claims the results of block 3: the results of blocks 2..3 are needed,"
                + " only those of blocks 2..2 were given", e.getMessage());

        // Results of block 2 in which the first transaction answered differently: block 3's no longer follow them,
        // and once they are made to, the chain no longer ends in what block 5 claims.
        BlockResults real = results.get(0);
        List<ExecutionRecord> records = new ArrayList<>(real.records());
        ExecutionRecord first = records.get(0);
        records.set(0, new ExecutionRecord(first.index(), first.origin(), first.internal(), first.address(),
                first.command(), ContractResult.failed("not-registered", "made up"), first.eventsHash()));
        BlockResults other = BlockResults.of(2, real.transactionCount(), records, real.previousResultsHash());
        e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(s.batch.record(2), s.batch,
                s.anchorTx, s.anchorBlock, List.of(other, results.get(1)), s.chain.certifiedFrom(2)));
        assertTrue(e.getMessage().startsWith("the results given for block 3 do not follow those of block 2: they"
                + " chain to " + real.resultsHash().shortHex() + ", which is not " + other.resultsHash().shortHex()),
                e.getMessage());
        BlockResults three = results.get(1);
        BlockResults otherThree = BlockResults.of(3, three.transactionCount(), three.records(), other.resultsHash());
        e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(s.batch.record(2), s.batch,
                s.anchorTx, s.anchorBlock, List.of(other, otherThree), s.chain.certifiedFrom(2)));
        assertEquals("the header at height 5 claims results hash " + three.resultsHash().shortHex() + " for block 3,"
                + " but the results given hash to " + otherThree.resultsHash().shortHex() + ": they are not this"
                + " chain's results (or the claimant's execution diverged, which validators count as a divergence)",
                e.getMessage());
    }
}
