package org.fogledger.ledger.contract.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.chain.BlockHeader;
import org.fogledger.ledger.codec.CanonicalReader;
import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.crypto.Hash;

/**
 * What links the anchor block's records root to a results claim in a later header: the results hash of the block
 * before the anchor block, and the records roots of the blocks after it, up to the claimed block.
 *
 * <p>Why a chain and not one hash: execution follows commit, so headers carry their proposers' claims
 * ({@link BlockHeader#executed()}) about whatever block each had executed, which lags the header by a few blocks
 * and may skip the anchor block altogether. Results hashes chain ({@link BlockResults#chain}), so a claim about
 * block {@code c >= h} commits to block {@code h}'s records root through those of blocks {@code h+1..c}: starting
 * from the anchor block {@code h}, {@code r(h) = chain(h, previousResultsHash, recordsRoot(h))}, then
 * {@code r(i) = chain(i, r(i-1), laterRecordsRoots[i-h-1])}, and {@code r(c)} must be what a committed header
 * claims for block {@code c = h + laterRecordsRoots.size()}.
 *
 * <p>Encoding: {@code previousResultsHash:32 | count:u32 (at most 255) | count x recordsRoot:32}.
 */
public record ResultsChain(Hash previousResultsHash, List<Hash> laterRecordsRoots) {
    /**
     * The claim about block {@code c} sits in a header above {@code c}, and a proof carries at most
     * {@link AuditProof#MAX_HEADERS} headers from the anchor block on, so it never needs more later blocks than this.
     */
    public static final int MAX_LATER_BLOCKS = AuditProof.MAX_HEADERS - 1;

    public ResultsChain {
        Objects.requireNonNull(previousResultsHash, "previousResultsHash");
        laterRecordsRoots = List.copyOf(laterRecordsRoots);
        if (laterRecordsRoots.size() > MAX_LATER_BLOCKS) {
            throw new IllegalArgumentException("a results chain links at most " + MAX_LATER_BLOCKS
                    + " later blocks, got " + laterRecordsRoots.size());
        }
    }

    /** The chain from the results of {@code results.get(0)} (the anchor block's) to those of the last element. */
    public static ResultsChain of(List<BlockResults> results) {
        List<Hash> roots = new ArrayList<>(results.size());
        for (BlockResults later : results.subList(1, results.size())) {
            roots.add(later.recordsRoot());
        }
        return new ResultsChain(results.get(0).previousResultsHash(), roots);
    }

    /** The block whose results hash this chain reaches, when it starts at block {@code anchorHeight}. */
    public long claimedHeight(long anchorHeight) {
        return anchorHeight + laterRecordsRoots.size();
    }

    /**
     * The results hash of block {@link #claimedHeight}, given that the records root of block {@code anchorHeight}
     * is {@code anchorRecordsRoot}.
     */
    public Hash resultsHashFrom(long anchorHeight, Hash anchorRecordsRoot) {
        Hash results = BlockResults.chain(anchorHeight, previousResultsHash, anchorRecordsRoot);
        long height = anchorHeight;
        for (Hash recordsRoot : laterRecordsRoots) {
            height++;
            results = BlockResults.chain(height, results, recordsRoot);
        }
        return results;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeHash(previousResultsHash);
        out.writeU32(laterRecordsRoots.size());
        for (Hash root : laterRecordsRoots) {
            out.writeHash(root);
        }
    }

    public static ResultsChain readFrom(CanonicalReader in, String field) {
        Hash previous = in.readHash(field + ".previousResultsHash");
        int count = in.readCount(field + ".laterRecordsRoots", MAX_LATER_BLOCKS, Hash.LENGTH);
        List<Hash> roots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            roots.add(in.readHash(field + ".laterRecordsRoots[" + i + "]"));
        }
        return new ResultsChain(previous, roots);
    }
}
