package org.fogledger.ledger.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Compares the results claims that block headers carry with this host's own results. A claim about a height
 * already executed is checked at once; one about a later height waits until that height is executed. Both sides
 * are bounded: own results are kept for the last {@code retained} heights, and at most {@code retained} heights of
 * claims wait (a claim too old to check is counted as unchecked, not silently passed).
 */
public final class ResultsClaims {
    private record Claim(Hash claimed, PublicKey claimant, long claimedIn) {
    }

    private final int retained;
    private final TreeMap<Long, Hash> own = new TreeMap<>();
    private final TreeMap<Long, List<Claim>> waiting = new TreeMap<>();
    private long executedHeight = -1;
    private long checked;
    private long unchecked;

    public ResultsClaims(int retained, ExecutedResults start) {
        if (retained <= 0) {
            throw new IllegalArgumentException("retained must be > 0, got " + retained);
        }
        this.retained = retained;
        onExecuted(start);
    }

    /** A header of block {@code claimedIn}, proposed by {@code claimant}, claims {@code claim}. */
    public List<Divergence> onClaim(ExecutedResults claim, PublicKey claimant, long claimedIn) {
        long height = claim.height();
        if (height <= executedHeight) {
            Hash ours = own.get(height);
            if (ours == null) {
                unchecked++;
                return List.of();
            }
            checked++;
            return ours.equals(claim.resultsHash()) ? List.of()
                    : List.of(new Divergence(height, ours, claim.resultsHash(), claimant, claimedIn));
        }
        waiting.computeIfAbsent(height, h -> new ArrayList<>()).add(new Claim(claim.resultsHash(), claimant,
                claimedIn));
        while (waiting.size() > retained) {
            unchecked += waiting.pollLastEntry().getValue().size();
        }
        return List.of();
    }

    /** This host executed {@code results.height()}; returns the waiting claims it contradicts. */
    public List<Divergence> onExecuted(ExecutedResults results) {
        executedHeight = Math.max(executedHeight, results.height());
        own.put(results.height(), results.resultsHash());
        while (own.size() > retained) {
            own.pollFirstEntry();
        }
        List<Divergence> found = new ArrayList<>();
        for (Map.Entry<Long, List<Claim>> entry : waiting.headMap(results.height(), true).entrySet()) {
            for (Claim claim : entry.getValue()) {
                if (entry.getKey() == results.height()) {
                    checked++;
                    if (!claim.claimed().equals(results.resultsHash())) {
                        found.add(new Divergence(entry.getKey(), results.resultsHash(), claim.claimed(),
                                claim.claimant(), claim.claimedIn()));
                    }
                } else {
                    unchecked++;
                }
            }
        }
        waiting.headMap(results.height(), true).clear();
        return found;
    }

    public long checked() {
        return checked;
    }

    public long unchecked() {
        return unchecked;
    }
}
