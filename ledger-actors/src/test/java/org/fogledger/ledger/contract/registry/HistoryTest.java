package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every accepted declaration is in the history; the history keeps the last few, the deciding ones are never lost. */
class HistoryTest {

    @Test
    void every_accepted_declaration_is_recorded_where_and_by_whom_it_happened() {
        RegistryHarness registry = new RegistryHarness().registered();
        registry.declared(Declaration.COMMISSIONED, Declaration.SHIPPED);
        // Refused (in transit), so not recorded.
        assertEquals("illegal-transition", registry.send(OWNER, "declare", declaration(Declaration.INSTALLED)).code());
        assertEquals("illegal-transition", registry.send(OWNER, "declare", declaration(Declaration.STORED)).code());
        registry.declared(Declaration.RECEIVED);

        List<HistoryEntry> history = registry.device().history();
        assertEquals(List.of(Declaration.REGISTERED, Declaration.COMMISSIONED, Declaration.SHIPPED,
                Declaration.RECEIVED), history.stream().map(HistoryEntry::declaration).toList());
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            assertEquals(i, entry.sequence());
            assertEquals(i == 3 ? 6 : i + 1, entry.height(), "one block per transaction; blocks 4, 5 refused");
            assertEquals(0, entry.index());
            assertEquals(i == 0 ? RegistryHarness.MAKER.publicKey() : OWNER.publicKey(), entry.declarer());
        }
        assertEquals(history.get(3), registry.device().phaseDecidedBy());
    }

    @Test
    void the_history_keeps_the_last_entries_and_the_deciding_ones_survive_trimming() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        HistoryEntry installed = registry.device().phaseDecidedBy();
        int cycles = RegisteredDevice.HISTORY_LIMIT;
        for (int i = 0; i < cycles; i++) {
            expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
            expectOk(registry.send(OWNER, "declare", declaration(Declaration.RELEASED)));
        }
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));

        DeviceView view = registry.view();
        long total = 3 + 2L * cycles + 1;
        assertEquals(total, view.declarationCount());
        assertEquals(RegisteredDevice.HISTORY_LIMIT, view.history().size());
        assertEquals(total - RegisteredDevice.HISTORY_LIMIT, view.omittedFromHistory());
        assertEquals(total - RegisteredDevice.HISTORY_LIMIT, view.history().get(0).sequence(), "oldest kept");
        assertEquals(total - 1, view.history().get(view.history().size() - 1).sequence(), "newest last");
        assertEquals(installed, view.phaseDecidedBy(), "the installation still decides the phase");
        assertEquals(view.history().get(view.history().size() - 1), view.block());

        expectOk(registry.send(OWNER, "declare", declaration(Declaration.RELEASED)));
        assertEquals(installed, registry.legitimacy().decidedBy(),
                "legitimacy names the installation, long gone from the listed history");
        assertEquals(Verdict.ADMITTED, registry.legitimacy().verdict());
    }
}
