package org.fogledger.ledger.contract.rules;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the known name closest to a misspelt one, by edit distance, if it is close enough. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate at the smallest edit distance from {@code wanted} (ties: the alphabetically first), if that
     * distance is at most 2 and less than half the length of {@code wanted}.
     */
    static Optional<String> closest(String wanted, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate);
            if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance > 2 || bestDistance * 2 >= wanted.length()) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** "did you mean 'x'?" or null. */
    static String didYouMean(String wanted, Collection<String> candidates) {
        return closest(wanted, candidates).map(name -> "did you mean '" + name + "'?").orElse(null);
    }

    /** Levenshtein distance; names are short (at most a few dozen characters), so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
