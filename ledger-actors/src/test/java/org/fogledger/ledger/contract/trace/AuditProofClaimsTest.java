package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.chain.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Proofs follow the results claims wherever the chain put them: a claim of exactly the anchor block, a claim that
 * jumps past it, a claim beyond the first 3-chain, and no further than {@link AuditProof#MAX_HEADERS} headers.
 */
class AuditProofClaimsTest {

    /** A stream registered in block 1 whose one-record batch the caller anchors. */
    private static final class OneAnchor {
        final TraceChain chain = new TraceChain();
        final TraceBatch batch;
        final Transaction anchorTx;

        OneAnchor(String stream) {
            chain.append(1, chain.register(stream, chain.gateway));
            batch = TraceBatcher.forNewStream(stream, 1).add(TraceFixtures.record(stream, 0, TraceKind.ACCESS))
                    .orElseThrow();
            anchorTx = chain.anchor(chain.gateway, batch);
        }

        AuditProof proveFrom(Block anchorBlock) {
            return AuditProofBuilder.build(batch.record(0), batch, anchorTx, anchorBlock,
                    chain.resultsFrom(anchorBlock.height()), chain.certifiedFrom(anchorBlock.height()));
        }

        AuditVerdict.Valid verify(AuditProof proof) {
            AuditVerdict verdict = new AuditProofVerifier(TraceChain.CHAIN_ID, chain.validators).verify(proof);
            return assertInstanceOf(AuditVerdict.Valid.class, verdict, verdict.describe());
        }
    }

    private static List<Long> heights(AuditProof proof) {
        return proof.headers().stream().map(BlockHeader::height).toList();
    }

    @Test
    void aHeaderClaimingTheAnchorBlockItselfNeedsNoLaterRecordsRoot() {
        // With the lagging claims, block 5 claims block 3 exactly.
        OneAnchor s = new OneAnchor("gw-1");
        s.chain.append(2);
        Block anchorBlock = s.chain.append(3, s.anchorTx);
        for (long height = 4; height <= 7; height++) {
            s.chain.append(height);
        }
        AuditProof proof = s.proveFrom(anchorBlock);
        assertEquals(List.of(), proof.resultsChain().laterRecordsRoots());
        assertEquals(s.chain.results(2).resultsHash(), proof.resultsChain().previousResultsHash());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), heights(proof));
        AuditVerdict.Valid valid = s.verify(proof);
        assertEquals(3, valid.claimedResultsHeight());
        assertEquals(5, valid.claimingHeight());
        assertEquals(5, valid.commitHeight());
    }

    @Test
    void aClaimThatJumpsPastTheAnchorBlockIsReachedThroughTheRecordsRootsInBetween() {
        // Blocks 3, 4, 5 still claim block 1 (their proposers lag), block 6's proposer has executed up to 4.
        OneAnchor s = new OneAnchor("gw-2");
        Block anchorBlock = s.chain.appendClaiming(2, 0, s.anchorTx);
        for (long height = 3; height <= 5; height++) {
            s.chain.appendClaiming(height, 1);
        }
        for (long height = 6; height <= 8; height++) {
            s.chain.appendClaiming(height, 4);
        }
        AuditProof proof = s.proveFrom(anchorBlock);
        assertEquals(List.of(s.chain.results(3).recordsRoot(), s.chain.results(4).recordsRoot()),
                proof.resultsChain().laterRecordsRoots());
        // Blocks 2, 3, 4 and 3, 4, 5 are 3-chains, but the claim is in block 6: the proof climbs to 6, 7, 8.
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L), heights(proof));
        AuditVerdict.Valid valid = s.verify(proof);
        assertEquals(4, valid.claimedResultsHeight());
        assertEquals(6, valid.claimingHeight());
        assertEquals(6, valid.commitHeight());
    }

    @Test
    void theFirstHeaderClaimingTheAnchorBlockOrLaterIsUsedEvenIfItClaimsLess() {
        // Block 4 claims block 2 exactly, block 5 claims block 4: the proof stops at the first.
        OneAnchor s = new OneAnchor("gw-3");
        Block anchorBlock = s.chain.appendClaiming(2, 0, s.anchorTx);
        s.chain.appendClaiming(3, 1);
        s.chain.appendClaiming(4, 2);
        s.chain.appendClaiming(5, 4);
        s.chain.appendClaiming(6, 4);
        AuditProof proof = s.proveFrom(anchorBlock);
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), heights(proof));
        assertEquals(2, s.verify(proof).claimedResultsHeight());
    }

    @Test
    void aChainWhoseClaimsHaveNotReachedTheAnchorBlockCannotProveItYet() {
        OneAnchor s = new OneAnchor("gw-4");
        Block anchorBlock = s.chain.append(2, s.anchorTx);
        s.chain.append(3);
        s.chain.append(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.proveFrom(anchorBlock));
        assertEquals("no header claims the results of block 2 or a later one within the 3 header(s) given"
                + " (heights 2..4); the highest claim is of block 1: more blocks are needed", e.getMessage());
    }

    @Test
    void aProofCarriesAtMost256Headers() {
        // Stream gw-5 anchored in block 2, gw-6 in block 3. Blocks 4..254 claim block 1; 255..257 claim block 2;
        // 258..260 claim block 3.
        OneAnchor s = new OneAnchor("gw-5");
        TraceChain chain = s.chain;
        TraceBatch other = TraceBatcher.forNewStream("gw-6", 1).add(TraceFixtures.record("gw-6", 0,
                TraceKind.STORE)).orElseThrow();
        Block first = chain.appendClaiming(2, 0, s.anchorTx, chain.register("gw-6", chain.gateway));
        Transaction otherTx = chain.anchor(chain.gateway, other);
        Block second = chain.appendClaiming(3, 1, otherTx);
        for (long height = 4; height <= 260; height++) {
            chain.appendClaiming(height, height < 255 ? 1 : height < 258 ? 2 : 3);
        }
        // From block 2: the claim in block 255 and the 3-chain 255, 256, 257 make exactly 256 headers.
        AuditProof longest = s.proveFrom(first);
        assertEquals(AuditProof.MAX_HEADERS, longest.headers().size());
        assertEquals(255, s.verify(longest).commitHeight());
        assertTrue(longest.encode().length < AuditProof.MAX_ENCODED_BYTES);
        assertEquals(longest, AuditProof.decode(longest.encode()));

        // From block 3: the claim in block 258 would need headers 3..260, 258 of them.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditProofBuilder.build(
                other.record(0), other, otherTx, second, chain.resultsFrom(3), chain.certifiedFrom(3)));
        assertEquals("the header at height 258 claims the results of block 3, but no 3-chain of consecutive rounds"
                + " commits it within the 256 header(s) a proof may carry (heights 3..258): a proof of it would need"
                + " more than 256 headers", e.getMessage());
        // And a proof cannot be made to carry more, in either form.
        List<BlockHeader> tooMany = chain.certifiedFrom(2).stream().map(CertifiedHeader::header).toList();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AnchoredScenario.withHeaders(longest, tooMany));
        assertEquals("a proof carries at most 256 headers, got 259", refused.getMessage());
    }
}
