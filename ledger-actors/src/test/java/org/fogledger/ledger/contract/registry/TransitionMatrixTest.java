package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.ContractResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every lifecycle declaration from every phase, with and without a block in force, through the contract: the legal
 * ones lead where the grid says, the others are refused with the state, the declaration and what is allowed. The grid
 * is written out here independently of {@link Transitions}, so a change to the table shows up as a failing cell.
 */
class TransitionMatrixTest {

    /** Rows: the phase the device is in. Columns: the declaration. Cells: the phase it leads to, or - (refused). */
    static final String EXPECTED = """
            phase           commissioned  shipped     received  stored  installed    public-access  resold  stolen  recovered  obsolete  decommissioned  destroyed
            registered      commissioned  -           -         -       -            -              -       -       -          obsolete  decommissioned  destroyed
            commissioned    -             in-transit  -         stored  operational  -              sold    stolen  -          obsolete  decommissioned  destroyed
            in-transit      -             -           received  -       -            -              -       stolen  -          obsolete  -               destroyed
            received        -             in-transit  -         stored  operational  -              sold    stolen  -          obsolete  decommissioned  destroyed
            stored          -             in-transit  -         stored  operational  -              sold    stolen  -          obsolete  decommissioned  destroyed
            operational     -             in-transit  -         stored  operational  public-access  sold    stolen  -          obsolete  decommissioned  destroyed
            public-access   -             in-transit  -         stored  operational  -              sold    stolen  -          obsolete  decommissioned  destroyed
            sold            -             in-transit  -         stored  operational  -              sold    stolen  -          obsolete  decommissioned  destroyed
            stolen          -             -           -         -       -            -              -       -       received   -         -               destroyed
            obsolete        -             -           -         -       -            -              -       -       -          -         decommissioned  destroyed
            decommissioned  -             -           -         -       -            -              -       -       -          -         -               destroyed
            destroyed       -             -           -         -       -            -              -       -       -          -         -               -
            """;

    /** How the owner brings a freshly registered device into each phase. */
    static final Map<Phase, List<Declaration>> PATHS = paths();

    private static Map<Phase, List<Declaration>> paths() {
        Map<Phase, List<Declaration>> paths = new EnumMap<>(Phase.class);
        paths.put(Phase.REGISTERED, List.of());
        paths.put(Phase.COMMISSIONED, List.of(Declaration.COMMISSIONED));
        paths.put(Phase.IN_TRANSIT, List.of(Declaration.COMMISSIONED, Declaration.SHIPPED));
        paths.put(Phase.RECEIVED, List.of(Declaration.COMMISSIONED, Declaration.SHIPPED, Declaration.RECEIVED));
        paths.put(Phase.STORED, List.of(Declaration.COMMISSIONED, Declaration.STORED));
        paths.put(Phase.OPERATIONAL, List.of(Declaration.COMMISSIONED, Declaration.INSTALLED));
        paths.put(Phase.PUBLIC_ACCESS, List.of(Declaration.COMMISSIONED, Declaration.INSTALLED,
                Declaration.PUBLIC_ACCESS));
        paths.put(Phase.SOLD, List.of(Declaration.COMMISSIONED, Declaration.RESOLD));
        paths.put(Phase.STOLEN, List.of(Declaration.COMMISSIONED, Declaration.STOLEN));
        paths.put(Phase.OBSOLETE, List.of(Declaration.COMMISSIONED, Declaration.OBSOLETE));
        paths.put(Phase.DECOMMISSIONED, List.of(Declaration.DECOMMISSIONED));
        paths.put(Phase.DESTROYED, List.of(Declaration.DESTROYED));
        return paths;
    }

    /** The expected grid, parsed: phase -> declaration -> target phase (absent when refused). */
    static Map<Phase, Map<Declaration, Phase>> expectedGrid() {
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        List<String> declared = new ArrayList<>();
        for (Declaration declaration : Declaration.LIFECYCLE) {
            declared.add(declaration.wireName());
        }
        assertEquals(declared, header.subList(1, header.size()), "grid columns are the lifecycle declarations");
        Map<Phase, Map<Declaration, Phase>> grid = new EnumMap<>(Phase.class);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            Phase from = phase(cells[0]);
            Map<Declaration, Phase> row = new EnumMap<>(Declaration.class);
            for (int column = 1; column < cells.length; column++) {
                if (!cells[column].equals("-")) {
                    row.put(Declaration.LIFECYCLE.get(column - 1), phase(cells[column]));
                }
            }
            grid.put(from, row);
        }
        assertEquals(Phase.values().length, grid.size(), "grid has a row per phase");
        return grid;
    }

    static Phase phase(String wireName) {
        for (Phase phase : Phase.values()) {
            if (phase.wireName().equals(wireName)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("no phase " + wireName);
    }

    @TestFactory
    Stream<DynamicTest> every_lifecycle_declaration_from_every_phase() {
        Map<Phase, Map<Declaration, Phase>> grid = expectedGrid();
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean blocked : List.of(false, true)) {
            for (Phase from : Phase.values()) {
                for (Declaration declaration : Declaration.LIFECYCLE) {
                    Phase to = grid.get(from).get(declaration);
                    String name = from + (blocked ? " (blocked)" : "") + " + " + declaration + " -> "
                            + (to == null ? "refused" : to);
                    tests.add(DynamicTest.dynamicTest(name, () -> check(grid, from, blocked, declaration, to)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Map<Phase, Map<Declaration, Phase>> grid, Phase from, boolean blocked,
                              Declaration declaration, Phase to) {
        RegistryHarness registry = inPhase(from, blocked);
        ContractResult result = attempt(registry, declaration);
        if (to != null) {
            expectOk(result);
            assertEquals(to, registry.device().phase());
            assertEquals(declaration, registry.device().phaseDecidedBy().declaration());
            assertEquals(blocked, registry.device().hasBlock(), "a lifecycle declaration leaves the block as it was");
        } else {
            expectRefused(result, "illegal-transition");
            assertEquals(expectedReason(grid, from, blocked, declaration), result.text());
            assertEquals(from, registry.device().phase(), "a refused declaration changes nothing");
        }
    }

    @TestFactory
    Stream<DynamicTest> block_and_release_from_every_phase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Phase from : Phase.values()) {
            for (boolean blocked : List.of(false, true)) {
                for (Declaration declaration : Declaration.HOLD) {
                    boolean legal = from != Phase.DESTROYED
                            && (declaration == Declaration.BLOCKED) != blocked;
                    String name = from + (blocked ? " (blocked)" : "") + " + " + declaration + " -> "
                            + (legal ? "accepted" : "refused");
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        RegistryHarness registry = inPhase(from, blocked);
                        ContractResult result = registry.send(registry.currentOwnerKey(), "declare",
                                declaration(declaration));
                        if (legal) {
                            expectOk(result);
                            assertEquals(declaration == Declaration.BLOCKED, registry.device().hasBlock());
                            assertEquals(from, registry.device().phase(), "a block is not a phase");
                        } else {
                            expectRefused(result, "illegal-transition");
                            assertEquals(expectedReason(expectedGrid(), from, blocked, declaration), result.text());
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void the_table_in_code_is_the_expected_grid() {
        Map<Phase, Map<Declaration, Phase>> grid = expectedGrid();
        for (Phase from : Phase.values()) {
            for (Declaration declaration : Declaration.LIFECYCLE) {
                Phase to = grid.get(from).get(declaration);
                assertEquals(to != null, Transitions.isLegal(from, false, declaration), from + " + " + declaration);
                if (to != null) {
                    assertEquals(to, Transitions.check(from, null, declaration));
                }
            }
        }
    }

    @Test
    void registration_is_never_a_legal_declaration() {
        for (Phase from : Phase.values()) {
            assertFalse(Transitions.isLegal(from, false, Declaration.REGISTERED));
            assertFalse(Transitions.isLegal(from, true, Declaration.REGISTERED));
        }
    }

    /** What the refusal must say: the state, the declaration, why (where there is more to say) and what is allowed. */
    static String expectedReason(Map<Phase, Map<Declaration, Phase>> grid, Phase from, boolean blocked,
                                 Declaration declaration) {
        List<String> allowed = new ArrayList<>();
        if (from != Phase.DESTROYED) {
            for (Declaration candidate : Declaration.LIFECYCLE) {
                if (grid.get(from).containsKey(candidate)) {
                    allowed.add(candidate.wireName());
                }
            }
            allowed.add(blocked ? "released" : "blocked");
        }
        String why = "";
        if (from == Phase.DESTROYED) {
            why = ": destroyed is terminal";
        } else if (declaration == Declaration.RELEASED && !blocked) {
            why = ": the device is not blocked";
        } else if (declaration == Declaration.BLOCKED && blocked) {
            why = ": the device is already blocked (blocked at height 2 index 0 by owner "
                    + RegistryHarness.hex(OWNER.publicKey()) + ")";
        }
        return "from state " + from + (blocked ? ", blocked" : "") + ", declaration " + declaration
                + " is not allowed" + why + "; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed));
    }

    /** A registered device brought into {@code phase} by its owner, blocked by its owner first if asked. */
    static RegistryHarness inPhase(Phase phase, boolean blocked) {
        RegistryHarness registry = new RegistryHarness().registered();
        if (blocked) {
            expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
        }
        registry.declared(PATHS.get(phase).toArray(Declaration[]::new));
        assertEquals(phase, registry.device().phase(), "path to " + phase);
        return registry;
    }

    private static ContractResult attempt(RegistryHarness registry, Declaration declaration) {
        if (declaration == Declaration.RESOLD) {
            RegistryHarness.KeyPairs parties = registry.nextSale();
            return registry.resell(parties.seller(), parties.buyer(), parties.seller(), parties.buyer());
        }
        return registry.send(registry.currentOwnerKey(), "declare", declaration(declaration));
    }
}
