package org.fogledger.ledger.contract.arbitration;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The arbitration rules: how a decision is settled against the decisions standing on the device. In this order:
 * <ol>
 *   <li><b>Legitimacy.</b> A decision marked illegitimate on its route (chain, jurisdiction, device) is rejected
 *       ({@code illegitimate}), one without a ruling too ({@code no-ruling}), one the ruling does not allow as well
 *       ({@code not-allowed}). A rejected decision changes nothing, not even the agent's own earlier decisions.</li>
 *   <li><b>The agent's own word.</b> A legitimate decision replaces the same agent's standing decisions and pending
 *       votes for the same action or a conflicting one, whatever its own verdict: the agent changed its mind. A
 *       decision a quorum carried is no member's own: it is settled against like any other.</li>
 *   <li><b>Rank.</b> If a conflicting decision of a higher rank stands, the new one loses ({@code outranked}).</li>
 *   <li><b>Equal rank, by the ruling's rule.</b> First committed: a conflicting decision of the same rank that stands
 *       keeps standing and the new one loses ({@code first-committed}); otherwise the new one stands, overturning the
 *       lower-ranked conflicting ones ({@code outranks}) or nothing ({@code no-conflict}). Quorum: the decision is a
 *       vote; it stays pending ({@code quorum-pending}) until, at some rank r, k distinct agents of rank r or higher
 *       have voted for the action, k being the quorum of a vote of rank r. The highest such r is the rank the
 *       action then stands with ({@code quorum-met}), overturning every conflicting decision of rank r or lower,
 *       equal ranks included; while a conflicting decision of a rank above r stands, the votes wait
 *       ({@code quorum-outranked}).</li>
 * </ol>
 * A quorum rule governs its action even when nothing conflicts: a drastic action needs its k agents. Pending votes
 * are not standing decisions: a conflicting decision neither cancels a tally nor is held back by it.
 */
public final class Arbitration implements SettlementRules {
    public static final Arbitration INSTANCE = new Arbitration();

    /** Decisions standing at once on one device (bounded state); beyond, a new decision loses. */
    public static final int MAX_STANDING = 64;
    /** Votes pending for one action (bounded state); beyond, a new voter loses. */
    public static final int MAX_VOTES = 32;

    public static final String NO_CONFLICT = "no-conflict";
    public static final String OUTRANKS = "outranks";
    public static final String QUORUM_MET = "quorum-met";
    public static final String QUORUM_PENDING = "quorum-pending";
    public static final String QUORUM_OUTRANKED = "quorum-outranked";
    public static final String OUTRANKED = "outranked";
    public static final String FIRST_COMMITTED = "first-committed";
    public static final String STANDING_FULL = "standing-full";
    public static final String TALLY_FULL = "tally-full";
    public static final String ILLEGITIMATE = "illegitimate";
    public static final String NOT_ALLOWED = "not-allowed";
    public static final String NO_RULING = "no-ruling";

    private Arbitration() {
    }

    @Override
    public Settlement settle(ArbitrationState state, AgentDecision decision, long height, int index) {
        Verdicts verdicts = new Verdicts(state, decision, height, index);
        if (!decision.legitimate()) {
            return verdicts.rejected(ILLEGITIMATE, "illegitimate: " + decision.illegitimate());
        }
        PolicyRuling ruling = decision.ruling();
        if (ruling == null) {
            return verdicts.rejected(NO_RULING, "no policy ruling reached the arbitration for " + describe(decision));
        }
        if (!ruling.allowed()) {
            return verdicts.rejected(NOT_ALLOWED, "not allowed: " + ruling.reason());
        }
        PublicKey agent = decision.agent();
        DecisionAction action = decision.action();
        List<Standing> conflicting = new ArrayList<>();
        for (Standing standing : state.standing().values()) {
            boolean related = standing.action() == action || Conflicts.conflict(standing.action(), action);
            if (!standing.byQuorum() && standing.decision().agent().equals(agent) && related) {
                verdicts.withdrawn.add(standing);
            } else if (Conflicts.conflict(standing.action(), action)) {
                conflicting.add(standing);
            }
        }
        for (QuorumTally tally : state.pending().values()) {
            AgentDecision vote = tally.votes().get(ContractJson.hex(agent));
            if (vote != null && (tally.action() == action || Conflicts.conflict(tally.action(), action))) {
                verdicts.withdrawnVotes.add(vote);
            }
        }
        Standing above = strongest(conflicting, decision.rank(), true);
        if (above != null) {
            return verdicts.lost(OUTRANKED, describe(decision) + " loses to " + above.describe()
                    + ", which stands with a higher rank (" + above.rank() + " over " + decision.rank() + ")");
        }
        if (ruling.equalRankRule() == EqualRankRule.QUORUM) {
            return byQuorum(state, decision, ruling, conflicting, verdicts);
        }
        Standing equal = strongest(conflicting, decision.rank(), false);
        if (equal != null) {
            return verdicts.lost(FIRST_COMMITTED, describe(decision) + " loses: first committed " + equal.describe()
                    + " at height " + equal.settledHeight() + " stands (equal rank " + decision.rank()
                    + ", rule first-committed)");
        }
        Standing stands = new Standing(decision, decision.rank(), List.of(agent), height, index);
        if (conflicting.isEmpty()) {
            return verdicts.stands(stands, List.of(), NO_CONFLICT, describe(decision) + " stands: nothing standing"
                    + " conflicts with it");
        }
        return verdicts.stands(stands, conflicting, OUTRANKS, describe(decision) + " overturns "
                + describeAll(conflicting) + " (lower rank than " + decision.rank() + ")");
    }

    private Settlement byQuorum(ArbitrationState state, AgentDecision decision, PolicyRuling ruling,
                                List<Standing> conflicting, Verdicts verdicts) {
        TreeMap<String, AgentDecision> votes = new TreeMap<>(state.votes(decision.action()));
        votes.put(ContractJson.hex(decision.agent()), decision);
        if (votes.size() > MAX_VOTES) {
            return verdicts.lost(TALLY_FULL, describe(decision) + " loses: " + MAX_VOTES + " agents already have a"
                    + " vote pending for " + decision.action());
        }
        Rank carried = carriedRank(votes);
        if (carried == null) {
            int count = atOrAbove(votes, decision.rank()).size();
            return verdicts.pending(QUORUM_PENDING, describe(decision) + " is pending: " + count + " of "
                    + ruling.quorum() + " agents of rank " + decision.rank() + " or higher have decided "
                    + decision.action() + " (rule quorum" + (ruling.policy() == null ? "" : ", policy "
                    + ruling.policy()) + ")");
        }
        Standing above = strongest(conflicting, carried, true);
        if (above != null) {
            return verdicts.pending(QUORUM_OUTRANKED, describe(decision) + " is pending: the quorum for "
                    + decision.action() + " is met at rank " + carried + " but " + above.describe()
                    + " stands with a higher rank");
        }
        List<PublicKey> deciders = atOrAbove(votes, carried);
        // A vote below the carried rank is not one of the quorum (it only made the count be taken again, e.g. once
        // a higher conflicting decision fell): the decision that stands is then the quorum's own, the earliest vote
        // of the carried rank, so no decision ever stands with a rank above its agent's.
        AgentDecision carrier = decision.rank().isBelow(carried) ? earliestOfRank(votes, carried) : decision;
        Standing stands = new Standing(carrier, carried, deciders, verdicts.height, verdicts.index);
        String quorum = "a quorum of " + deciders.size() + " agents of rank " + carried + " or higher decided "
                + decision.action();
        String who = carrier == decision ? describe(decision) : describe(decision) + " counted again: "
                + describe(carrier);
        if (conflicting.isEmpty()) {
            return verdicts.stands(stands, List.of(), QUORUM_MET, who + " stands: " + quorum);
        }
        return verdicts.stands(stands, conflicting, QUORUM_MET, who + " overturns "
                + describeAll(conflicting) + ": " + quorum);
    }

    /**
     * The highest rank r at which some vote of rank r asks a quorum k that the votes of rank r or higher reach; null
     * when there is none.
     */
    static Rank carriedRank(SortedMap<String, AgentDecision> votes) {
        for (Rank rank : Rank.values()) {
            int count = atOrAbove(votes, rank).size();
            for (AgentDecision vote : votes.values()) {
                if (vote.rank() == rank && vote.ruling().quorum() <= count) {
                    return rank;
                }
            }
        }
        return null;
    }

    /** The earliest committed vote of exactly {@code rank}; one exists whenever {@code rank} was carried. */
    private static AgentDecision earliestOfRank(SortedMap<String, AgentDecision> votes, Rank rank) {
        AgentDecision earliest = null;
        for (AgentDecision vote : votes.values()) {
            if (vote.rank() == rank && (earliest == null || vote.height() < earliest.height()
                    || vote.height() == earliest.height() && vote.index() < earliest.index())) {
                earliest = vote;
            }
        }
        return earliest;
    }

    private static List<PublicKey> atOrAbove(SortedMap<String, AgentDecision> votes, Rank rank) {
        List<PublicKey> agents = new ArrayList<>();
        for (AgentDecision vote : votes.values()) {
            if (!vote.rank().isBelow(rank)) {
                agents.add(vote.agent());
            }
        }
        return agents;
    }

    /**
     * Of {@code conflicting}, the highest-ranked one strictly above {@code rank} ({@code above}) or of exactly
     * {@code rank} (not {@code above}), the earliest settled among equals; null if none.
     */
    private static Standing strongest(List<Standing> conflicting, Rank rank, boolean above) {
        Standing best = null;
        for (Standing standing : conflicting) {
            boolean fits = above ? rank.isBelow(standing.rank()) : standing.rank() == rank;
            if (fits && (best == null || best.rank().isBelow(standing.rank())
                    || best.rank() == standing.rank() && earlier(standing, best))) {
                best = standing;
            }
        }
        return best;
    }

    private static boolean earlier(Standing a, Standing b) {
        return a.settledHeight() < b.settledHeight()
                || a.settledHeight() == b.settledHeight() && a.settledIndex() < b.settledIndex();
    }

    /** {@code block by site 01ab… (height 12 index 1)}. */
    static String describe(AgentDecision decision) {
        return decision.action() + " by " + decision.rank() + " " + ContractJson.hex(decision.agent()) + " (height "
                + decision.height() + " index " + decision.index() + ")";
    }

    private static String describeAll(List<Standing> standings) {
        StringBuilder out = new StringBuilder();
        for (Standing standing : standings) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(standing.describe());
        }
        return out.toString();
    }

    /** Builds the settlement of one decision, computing the hold after it from what it changes. */
    private static final class Verdicts {
        private final ArbitrationState state;
        private final AgentDecision decision;
        private final long height;
        private final int index;
        private final List<Standing> withdrawn = new ArrayList<>();
        private final List<AgentDecision> withdrawnVotes = new ArrayList<>();

        Verdicts(ArbitrationState state, AgentDecision decision, long height, int index) {
            this.state = state;
            this.decision = decision;
            this.height = height;
            this.index = index;
        }

        Settlement rejected(String code, String reason) {
            return new Settlement(decision, SettlementVerdict.REJECTED, code, reason, null, List.of(), List.of(),
                    List.of(), state.hold(), state.hold(), height, index);
        }

        Settlement lost(String code, String reason) {
            return settlement(SettlementVerdict.LOST, code, reason, null, List.of());
        }

        Settlement pending(String code, String reason) {
            return settlement(SettlementVerdict.PENDING, code, reason, null, List.of());
        }

        Settlement stands(Standing stands, List<Standing> overturned, String code, String reason) {
            int after = state.standing().size() - withdrawn.size() - overturned.size() + 1;
            if (after > MAX_STANDING) {
                return lost(STANDING_FULL, describe(decision) + " loses: " + MAX_STANDING
                        + " decisions already stand on the device");
            }
            return settlement(overturned.isEmpty() ? SettlementVerdict.STANDS : SettlementVerdict.WON, code, reason,
                    stands, overturned);
        }

        private Settlement settlement(SettlementVerdict verdict, String code, String reason, Standing stands,
                                      List<Standing> overturned) {
            TreeMap<String, Standing> after = new TreeMap<>(state.standing());
            withdrawn.forEach(s -> after.remove(s.key()));
            overturned.forEach(s -> after.remove(s.key()));
            if (stands != null) {
                after.put(stands.key(), stands);
            }
            return new Settlement(decision, verdict, code, reason, stands, overturned, withdrawn, withdrawnVotes,
                    state.hold(), ArbitrationState.holdOf(after), height, index);
        }
    }
}
