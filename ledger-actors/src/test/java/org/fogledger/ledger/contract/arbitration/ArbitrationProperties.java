package org.fogledger.ledger.contract.arbitration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.authority.Rank;

/**
 * Random sequences of decisions by a small cast of agents (a root, two regions, three sites, a device agent) under
 * random rulings: the settlements replay identically (also from their JSON, as a journal would), and the standing
 * state never lets a lower rank override a higher one.
 */
class ArbitrationProperties {
    /** The cast: agent name and rank. */
    static final List<String> CAST = List.of("root:o", "region:r1", "region:r2", "site:s1", "site:s2", "site:s3",
            "device:d1");
    static final List<String> RULES = List.of("fc", "fc", "fc", "q1", "q2", "q2", "q3", "no", "ill");

    @Provide
    Arbitrary<List<AgentDecision>> sequences() {
        Arbitrary<String> token = Combinators.combine(Arbitraries.of(CAST), Arbitraries.of(DecisionAction.class),
                Arbitraries.of(RULES)).as((agent, action, rule) -> agent + ":" + action.wireName() + ":" + rule);
        return token.list().ofMinSize(1).ofMaxSize(40).map(tokens -> {
            List<AgentDecision> decisions = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                decisions.add(reindexed(Decisions.parse(tokens.get(i), 1 + i / 3), i % 3));
            }
            return decisions;
        });
    }

    private static AgentDecision reindexed(AgentDecision d, int index) {
        return new AgentDecision(d.deviceId(), d.agent(), d.rank(), d.jurisdiction(), d.action(), d.note(),
                d.height(), index, d.devicePath(), d.illegitimate(), d.ruling());
    }

    @Property(tries = 300)
    void replaying_a_sequence_gives_the_same_settlements_and_state(@ForAll("sequences") List<AgentDecision> run) {
        ArbitrationState[] first = new ArbitrationState[1];
        ArbitrationState[] second = new ArbitrationState[1];
        List<Settlement> once = Decisions.settleAll(Arbitration.INSTANCE, run, first);
        List<Settlement> again = Decisions.settleAll(Arbitration.INSTANCE, run, second);
        assertArrayEquals(ContractJson.writeList(once, Settlement.class),
                ContractJson.writeList(again, Settlement.class));
        ArbitrationState replayed = ArbitrationState.empty(Decisions.DEVICE);
        ArbitrationContract contract = new ArbitrationContract();
        for (Settlement settlement : once) {
            byte[] journal = ContractJson.write(new ArbitrationEvent.Settled(settlement));
            replayed = contract.apply(replayed, ContractJson.readTrusted(journal, ArbitrationEvent.class));
        }
        assertArrayEquals(ContractJson.write(first[0]), ContractJson.write(replayed));
        assertEquals(first[0], ContractJson.readTrusted(ContractJson.write(first[0]), ArbitrationState.class));
    }

    @Property(tries = 300)
    void a_lower_rank_never_overrides_a_higher_one(@ForAll("sequences") List<AgentDecision> run) {
        List<String> violations = violations(Arbitration.INSTANCE, run);
        assertTrue(violations.isEmpty(), violations::toString);
    }

    /**
     * The seed under which CI found a device's vote recounting a site quorum (held while a region's block stood) and
     * standing in the quorum's place with rank site; the quorum's own site vote stands now.
     */
    @Property(tries = 300, seed = "1595429382595626034")
    void a_quorum_recounted_by_a_lower_vote_stands_as_the_quorums_own(@ForAll("sequences") List<AgentDecision> run) {
        List<String> violations = violations(Arbitration.INSTANCE, run);
        assertTrue(violations.isEmpty(), violations::toString);
    }

    @Example
    void the_invariants_catch_planted_rules_where_a_lower_rank_overrides_a_higher_one() {
        List<AgentDecision> run = List.of(Decisions.parse("region:r1:block:fc", 1),
                Decisions.parse("site:s1:release:fc", 2));
        assertTrue(violations(Arbitration.INSTANCE, run).isEmpty());
        List<String> caught = violations(LOWER_RANK_OVERRIDES, run);
        assertFalse(caught.isEmpty());
        assertTrue(caught.get(0).contains("overturned a region decision with rank site"), caught::toString);
    }

    /**
     * The invariants, checked after every settlement: standing decisions never conflict pairwise; an overturned
     * decision is never of a higher rank than the winner, and of the same rank only by quorum; a winner stands with
     * at most its agent's rank; a decision lost for rank lost to a higher one that stood; a rejected decision
     * changes no standing decision and no vote; the hold reported is the state's.
     */
    static List<String> violations(SettlementRules rules, List<AgentDecision> run) {
        List<String> found = new ArrayList<>();
        ArbitrationState state = ArbitrationState.empty(Decisions.DEVICE);
        for (AgentDecision decision : run) {
            Settlement s = rules.settle(state, decision, decision.height(), decision.index());
            String step = "after " + Arbitration.describe(decision) + " (" + s.verdict() + " " + s.code() + "): ";
            if (s.stands() != null) {
                Rank won = s.stands().rank();
                Rank agents = s.stands().decision().rank();
                if (won.ordinal() < agents.ordinal()) {
                    found.add(step + "stands with rank " + won + " above its agent's " + agents);
                }
                for (Standing lost : s.overturned()) {
                    if (won.isBelow(lost.rank()) || lost.rank() == won && !Arbitration.QUORUM_MET.equals(s.code())) {
                        found.add(step + "overturned a " + lost.rank() + " decision with rank " + won);
                    }
                }
            }
            if (Arbitration.OUTRANKED.equals(s.code()) && state.standing().values().stream().noneMatch(
                    st -> Conflicts.conflict(st.action(), decision.action()) && decision.rank().isBelow(st.rank()))) {
                found.add(step + "lost for rank with no higher conflicting decision standing");
            }
            ArbitrationState next = state.after(s);
            if (s.verdict() == SettlementVerdict.REJECTED && (!next.standing().equals(state.standing())
                    || !next.pending().equals(state.pending()))) {
                found.add(step + "a rejected decision changed the standing state");
            }
            if (s.holdAfter() != next.hold()) {
                found.add(step + "reports hold " + s.holdAfter() + " but the state holds " + next.hold());
            }
            List<Standing> standing = List.copyOf(next.standing().values());
            for (int i = 0; i < standing.size(); i++) {
                for (int j = i + 1; j < standing.size(); j++) {
                    if (Conflicts.conflict(standing.get(i).action(), standing.get(j).action())) {
                        found.add(step + "conflicting decisions stand together: " + standing.get(i).describe()
                                + " and " + standing.get(j).describe());
                    }
                }
            }
            state = next;
        }
        return found;
    }

    /** Planted: a decision that lost for rank wins anyway, overturning the higher-ranked decisions that stood. */
    static final SettlementRules LOWER_RANK_OVERRIDES = (state, decision, height, index) -> {
        Settlement real = Arbitration.INSTANCE.settle(state, decision, height, index);
        if (!Arbitration.OUTRANKED.equals(real.code())) {
            return real;
        }
        List<Standing> overturned = new ArrayList<>();
        TreeMap<String, Standing> after = new TreeMap<>(state.standing());
        for (Standing standing : state.standing().values()) {
            if (Conflicts.conflict(standing.action(), decision.action())) {
                overturned.add(standing);
                after.remove(standing.key());
            }
        }
        Standing stands = new Standing(decision, decision.rank(), List.of(decision.agent()), height, index);
        after.put(stands.key(), stands);
        return new Settlement(decision, SettlementVerdict.WON, Arbitration.OUTRANKS, "planted", stands, overturned,
                real.withdrawn(), real.withdrawnVotes(), state.hold(), ArbitrationState.holdOf(after), height, index);
    };
}
