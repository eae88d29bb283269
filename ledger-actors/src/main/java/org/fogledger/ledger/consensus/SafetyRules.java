package org.fogledger.ledger.consensus;

/**
 * The voting rule of chained HotStuff with the 3-chain commit (as in LibraBFT): vote at most once per round, in
 * increasing rounds, and only for a block whose justification is at least as recent as the lock. Kept apart from the
 * replica so the rule can be read on its own and so tests can plant broken variants and watch the checkers catch
 * them.
 */
public class SafetyRules {

    /**
     * Whether a replica in {@code state} may vote for a block of {@code blockRound} justified by a certificate of
     * {@code justifyRound}.
     */
    public boolean mayVote(SafetyState state, long blockRound, long justifyRound) {
        return blockRound > state.highestVotedRound() && justifyRound >= state.lockedRound();
    }

    /** Whether a replica may send a timeout for {@code round}: it will never vote in that round afterwards. */
    public boolean mayTimeout(SafetyState state, long round) {
        return round >= state.highestVotedRound();
    }
}
