package org.fogledger.ledger.contract.arbitration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.authority.Rank;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conflict matrix, read from src/test/resources/arbitration: every rank x rank x action x action with the order
 * of commitment (pairwise-matrix.csv, written by an oracle independent of the rules class), and the quorum, own-word
 * and legitimacy scenarios (scenarios.txt). Each cell is checked against {@link Arbitration}; broken variants of the
 * rules are shown to fail cells.
 */
class ConflictMatrixTest {

    /** One row of pairwise-matrix.csv. */
    record Cell(Rank aRank, DecisionAction aAction, Rank bRank, DecisionAction bAction, String winner,
                SettlementVerdict bVerdict, String bCode, String aAfter, String hold) {

        String name() {
            return aRank + " " + aAction + " then " + bRank + " " + bAction + " -> " + winner + " (" + bCode + ")";
        }
    }

    /** One line of scenarios.txt. */
    record Scenario(String name, List<String> decisions, List<String> outcomes, String hold) {
    }

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (String line : lines("arbitration/pairwise-matrix.csv")) {
            if (line.startsWith("#") || line.startsWith("a_rank") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            cells.add(new Cell(Rank.fromWireName(f[0]), DecisionAction.fromWireName(f[1]), Rank.fromWireName(f[2]),
                    DecisionAction.fromWireName(f[3]), f[4], SettlementVerdict.fromWireName(f[5]), f[6], f[7], f[8]));
        }
        return cells;
    }

    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String line : lines("arbitration/scenarios.txt")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|");
            List<String> decisions = Arrays.asList(f[1].trim().split("\\s+"));
            List<String> outcomes = Arrays.asList(f[2].trim().split("\\s+"));
            if (decisions.size() != outcomes.size()) {
                throw new IllegalStateException("scenario '" + f[0].trim() + "' has " + decisions.size()
                        + " decisions but " + outcomes.size() + " outcomes");
            }
            scenarios.add(new Scenario(f[0].trim(), decisions, outcomes, f[3].trim()));
        }
        return scenarios;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ConflictMatrixTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code rules} make of the cell, or null when it matches. */
    static String mismatch(SettlementRules rules, Cell cell) {
        AgentDecision first = Decisions.decision(cell.aRank(), "a", cell.aAction(), "fc", 1, 0);
        AgentDecision second = Decisions.decision(cell.bRank(), "b", cell.bAction(), "fc", 2, 0);
        ArbitrationState[] end = new ArbitrationState[1];
        List<Settlement> settled = Decisions.settleAll(rules, List.of(first, second), end);
        Settlement a = settled.get(0);
        Settlement b = settled.get(1);
        boolean aStands = end[0].standing().containsKey(Standing.key(first.action(), first.agent()));
        boolean bStands = end[0].standing().containsKey(Standing.key(second.action(), second.agent()));
        String winner = aStands && bStands ? "both" : aStands ? "first" : bStands ? "second" : "neither";
        String actual = winner + "," + b.verdict() + "," + b.code() + "," + (aStands ? "stands" : "overturned") + ","
                + end[0].hold() + "; first " + a.verdict();
        String expected = cell.winner() + "," + cell.bVerdict() + "," + cell.bCode() + "," + cell.aAfter() + ","
                + cell.hold() + "; first stands";
        return actual.equals(expected) ? null : cell.name() + ": expected " + expected + ", got " + actual;
    }

    /** What {@code rules} make of the scenario, or null when it matches. */
    static String mismatch(SettlementRules rules, Scenario scenario) {
        List<AgentDecision> decisions = new ArrayList<>();
        for (int i = 0; i < scenario.decisions().size(); i++) {
            decisions.add(Decisions.parse(scenario.decisions().get(i), i + 1));
        }
        ArbitrationState[] end = new ArbitrationState[1];
        List<Settlement> settled = Decisions.settleAll(rules, decisions, end);
        List<String> actual = settled.stream().map(s -> s.verdict() + ":" + s.code()).toList();
        if (!actual.equals(scenario.outcomes()) || !end[0].hold().wireName().equals(scenario.hold())) {
            return scenario.name() + ": expected " + scenario.outcomes() + " and hold " + scenario.hold() + ", got "
                    + actual + " and hold " + end[0].hold();
        }
        return null;
    }

    @Test
    void the_matrix_holds_every_cell_once_in_both_orders() {
        List<Cell> cells = cells();
        int ranks = Rank.values().length;
        int actions = DecisionAction.values().length;
        assertEquals(ranks * ranks * actions * actions, cells.size());
        Set<String> seen = new HashSet<>();
        for (Cell cell : cells) {
            assertTrue(seen.add(cell.aRank() + "/" + cell.aAction() + "/" + cell.bRank() + "/" + cell.bAction()),
                    () -> "twice: " + cell.name());
        }
    }

    @TestFactory
    Stream<DynamicTest> every_cell_of_the_pairwise_matrix() {
        return cells().stream().map(cell -> DynamicTest.dynamicTest(cell.name(), () -> {
            String mismatch = mismatch(Arbitration.INSTANCE, cell);
            assertEquals(null, mismatch, mismatch);
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_scenario() {
        return scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            String mismatch = mismatch(Arbitration.INSTANCE, scenario);
            assertEquals(null, mismatch, mismatch);
        }));
    }

    @Test
    void the_conflict_table_is_symmetric_and_no_action_conflicts_with_itself() {
        for (DecisionAction a : DecisionAction.values()) {
            assertFalse(Conflicts.conflict(a, a), a::toString);
            for (DecisionAction b : DecisionAction.values()) {
                assertEquals(Conflicts.conflict(a, b), Conflicts.conflict(b, a), a + " / " + b);
            }
        }
    }

    @Test
    void a_planted_rule_set_that_ignores_rank_fails_the_matrix() {
        List<String> failures = cells().stream().map(cell -> mismatch(PlantedRules.IGNORES_RANK, cell))
                .filter(m -> m != null).toList();
        assertFalse(failures.isEmpty(), "the matrix should catch rules that ignore rank");
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("site block then region release")), failures::toString);
    }

    @Test
    void a_planted_rule_set_that_counts_the_same_agent_twice_fails_the_quorum_cells() {
        List<String> failures = scenarios().stream()
                .map(scenario -> mismatch(PlantedRules.COUNTS_SAME_AGENT_TWICE, scenario))
                .filter(m -> m != null).toList();
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("quorum 2, the same agent twice does not count")),
                failures::toString);
        assertTrue(cells().stream().allMatch(cell -> mismatch(PlantedRules.COUNTS_SAME_AGENT_TWICE, cell) == null),
                "the pairwise matrix has no quorum: only the scenarios can catch this one");
    }
}
