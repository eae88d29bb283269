package org.fogledger.cluster.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a validator has caught up with the chain, from the committed heights the validators answered. Pure.
 *
 * <p>The reference height is the (f+1)-th highest answer, not the highest: up to f validators may be Byzantine
 * and claim any height, so only a height that at least one correct validator vouches for counts. The validator is
 * caught up when it is within {@code margin} blocks of that height (the chain keeps moving while we ask). Fewer
 * than 2f+1 answers (itself included) means no quorum is reachable from here, and a validator that cannot reach
 * a quorum cannot know whether it is behind: not ready.
 */
public final class CaughtUp {

    private CaughtUp() {
    }

    /**
     * @param own     this validator's committed height
     * @param others  the committed heights the other validators answered (those that did not answer are absent)
     * @param faults  f, the number of faults the validator set tolerates (n = 3f+1)
     * @param margin  how many blocks behind still counts as caught up
     * @return empty when caught up; otherwise why not, for {@code /ready}'s answer
     */
    public static Optional<String> notCaughtUpBecause(long own, List<Long> others, int faults, long margin) {
        int answers = others.size() + 1;
        int quorum = 2 * faults + 1;
        if (answers < quorum) {
            return Optional.of("only " + answers + " of the " + quorum + " validators a quorum needs answered"
                    + " (this one included)");
        }
        List<Long> heights = new ArrayList<>(others);
        heights.add(own);
        heights.sort(Comparator.reverseOrder());
        long reference = heights.get(faults);
        if (own + margin < reference) {
            return Optional.of("catching up: committed height " + own + ", the validators vouch for " + reference);
        }
        return Optional.empty();
    }
}
