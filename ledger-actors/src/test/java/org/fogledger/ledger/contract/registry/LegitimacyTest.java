package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.AGENT;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.WARD;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.ContractRefusal;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** May the device connect now, and which declaration decided it. */
class LegitimacyTest {

    /** The verdict and the reason (before the deciding declaration) in each phase, with no block in force. */
    static final Map<Phase, String[]> EXPECTED = expected();

    private static Map<Phase, String[]> expected() {
        Map<Phase, String[]> expected = new EnumMap<>(Phase.class);
        expected.put(Phase.REGISTERED, new String[] {"rejected", "registered, not yet commissioned"});
        expected.put(Phase.COMMISSIONED, new String[] {"rejected", "commissioned, not yet installed"});
        expected.put(Phase.IN_TRANSIT, new String[] {"rejected", "in transit, not installed"});
        expected.put(Phase.RECEIVED, new String[] {"rejected", "received, not yet installed"});
        expected.put(Phase.STORED, new String[] {"rejected", "in storage, not installed"});
        expected.put(Phase.OPERATIONAL, new String[] {"admitted", "operational at " + WARD});
        expected.put(Phase.PUBLIC_ACCESS, new String[] {"admitted", "in public access at " + WARD});
        expected.put(Phase.SOLD, new String[] {"rejected", "resold, not yet installed by its new owner"});
        expected.put(Phase.STOLEN, new String[] {"blocked", "declared stolen"});
        expected.put(Phase.OBSOLETE, new String[] {"rejected", "obsolete, out of support"});
        expected.put(Phase.DECOMMISSIONED, new String[] {"rejected", "decommissioned"});
        expected.put(Phase.DESTROYED, new String[] {"rejected", "destroyed"});
        return expected;
    }

    @TestFactory
    Stream<DynamicTest> the_verdict_in_every_phase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            String[] expected = EXPECTED.get(phase);
            tests.add(DynamicTest.dynamicTest(phase + " -> " + expected[0], () -> {
                RegistryHarness registry = TransitionMatrixTest.inPhase(phase, false);
                Legitimacy legitimacy = registry.legitimacy();
                HistoryEntry decided = registry.device().phaseDecidedBy();
                assertEquals(expected[0], legitimacy.verdict().wireName());
                assertEquals(expected[1] + " (" + decided.describe() + ")", legitimacy.reason());
                assertEquals(decided, legitimacy.decidedBy());
                List<Declaration> path = TransitionMatrixTest.PATHS.get(phase);
                assertEquals(path.isEmpty() ? Declaration.REGISTERED : path.get(path.size() - 1),
                        legitimacy.decidedBy().declaration());
                assertEquals(phase, legitimacy.phase());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> a_block_bars_every_phase_but_is_outranked_by_theft_and_destruction() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            Verdict expected = phase == Phase.DESTROYED ? Verdict.REJECTED : Verdict.BLOCKED;
            tests.add(DynamicTest.dynamicTest(phase + " (blocked) -> " + expected, () -> {
                RegistryHarness registry = TransitionMatrixTest.inPhase(phase, true);
                Legitimacy legitimacy = registry.legitimacy();
                assertEquals(expected, legitimacy.verdict());
                HistoryEntry decided = phase == Phase.DESTROYED || phase == Phase.STOLEN
                        ? registry.device().phaseDecidedBy() : registry.device().block();
                assertEquals(decided, legitimacy.decidedBy());
            }));
        }
        return tests.stream();
    }

    @Test
    void an_unknown_device_is_rejected_as_not_registered() {
        Legitimacy legitimacy = new RegistryHarness().legitimacy("never-seen");
        assertEquals(new Legitimacy("never-seen", Verdict.REJECTED, "not registered", null, null, null), legitimacy);
    }

    @Test
    void an_agents_block_names_the_agent_the_authority_and_where() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        assertEquals(Verdict.ADMITTED, registry.legitimacy().verdict());
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.BLOCKED)));
        Legitimacy legitimacy = registry.legitimacy();
        assertEquals(Verdict.BLOCKED, legitimacy.verdict());
        assertEquals("blocked (blocked at height 4 index 1 by authority " + hex(AGENT.publicKey()) + ")",
                legitimacy.reason());
        assertEquals(4, legitimacy.decidedBy().height());
        assertEquals(1, legitimacy.decidedBy().index(), "the relayed message runs after the agent's transaction");
        assertEquals(AGENT.publicKey(), legitimacy.decidedBy().declarer());
        assertEquals(Declaration.BLOCKED, legitimacy.decidedBy().declaration());
        assertEquals("authority/_", legitimacy.decidedBy().caller());

        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.RELEASED)));
        assertEquals(Verdict.ADMITTED, registry.legitimacy().verdict());
        assertEquals(Declaration.INSTALLED, registry.legitimacy().decidedBy().declaration());
    }

    @Test
    void the_reason_reads_as_a_sentence() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        assertEquals("operational at /eu/fr/lyon/hospital-a/ward-3 (installed at height 3 index 0 by owner "
                + hex(OWNER.publicKey()) + ")", registry.legitimacy().reason());
    }

    @Test
    void queries_refuse_arguments_unknown_names_and_unregistered_devices() {
        RegistryHarness registry = new RegistryHarness();
        assertEquals("device dev-42 is not registered (query device needs a registered device; the maker registers"
                        + " it with command register)",
                assertThrows(ContractRefusal.class, () -> registry.query("device", new byte[0])).getMessage());
        registry.registered();
        assertEquals("malformed-argument", assertThrows(ContractRefusal.class,
                () -> registry.query("legitimacy", "{}".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals("contract registry has no query 'owner'; queries: legitimacy, device, state",
                assertThrows(ContractRefusal.class, () -> registry.query("owner", new byte[0])).getMessage());
    }

    @Test
    void the_device_view_says_what_decided_the_phase_and_what_is_allowed_now() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        DeviceView view = registry.view();
        assertEquals(Phase.OPERATIONAL, view.phase());
        assertEquals(view.history().get(2), view.phaseDecidedBy());
        assertEquals(List.of(Declaration.SHIPPED, Declaration.STORED, Declaration.INSTALLED,
                Declaration.PUBLIC_ACCESS, Declaration.RESOLD, Declaration.STOLEN, Declaration.OBSOLETE,
                Declaration.DECOMMISSIONED, Declaration.DESTROYED, Declaration.BLOCKED), view.allowedDeclarations());
        assertEquals(3, view.declarationCount());
        assertEquals(0, view.omittedFromHistory());
        assertEquals(RegisteredDevice.HISTORY_LIMIT, view.historyLimit());
        assertNull(view.block());
    }
}
