package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.AGENT;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.junit.jupiter.api.Test;

/** A declaration relayed by the authority carries the agent's jurisdiction; the device must lie within it. */
class JurisdictionTest {

    @Test
    void an_agent_may_declare_on_a_device_within_its_jurisdiction() {
        RegistryHarness registry = new RegistryHarness().registered();
        ContractResult result = registry.viaAuthority(AGENT, "declare", declaration(Declaration.BLOCKED), "/eu/fr");
        assertTrue(result.ok(), result::text);
        assertEquals(Verdict.BLOCKED, registry.legitimacy().verdict());
    }

    @Test
    void the_root_scope_holds_every_place_and_a_scope_holds_only_whole_segments_below_it() {
        assertTrue(DevicePath.isWithin("/eu/fr/lyon", DevicePath.ROOT));
        assertTrue(DevicePath.isWithin("/eu/fr", "/eu/fr"));
        assertFalse(DevicePath.isWithin("/eu/frx", "/eu/fr"));
        assertFalse(DevicePath.isWithin("/eu", "/eu/fr"));
    }

    @Test
    void an_agent_is_refused_on_a_device_outside_its_jurisdiction() {
        RegistryHarness registry = new RegistryHarness().registered();
        ContractResult result = registry.viaAuthority(AGENT, "declare", declaration(Declaration.BLOCKED), "/eu/de");
        assertEquals("outside-jurisdiction", result.code());
        assertEquals("device dev-42 is at '/eu/fr/lyon/hospital-a/ward-3', not within the agent's jurisdiction"
                + " '/eu/de' (rank root)", result.text());
        assertFalse(registry.device().hasBlock());
    }

    @Test
    void a_prefix_that_is_not_a_whole_segment_is_not_a_jurisdiction_over_the_device() {
        RegistryHarness registry = new RegistryHarness().registered();
        assertEquals("outside-jurisdiction", registry.viaAuthority(AGENT, "declare",
                declaration(Declaration.BLOCKED), "/eu/f").code());
    }

    @Test
    void an_agent_cannot_move_a_device_out_of_its_jurisdiction() {
        RegistryHarness registry = new RegistryHarness().registered();
        registry.declared(Declaration.COMMISSIONED, Declaration.SHIPPED);
        ContractResult result = registry.viaAuthority(AGENT, "declare",
                declaration(Declaration.RECEIVED, "/eu/de/berlin"), "/eu/fr");
        assertEquals("outside-jurisdiction", result.code());
        assertEquals("device dev-42 cannot be moved to '/eu/de/berlin': not within the agent's jurisdiction"
                + " '/eu/fr' (rank root)", result.text());
    }

    @Test
    void a_relayed_declaration_without_a_jurisdiction_is_refused() {
        RegistryHarness registry = new RegistryHarness().registered();
        ContractResult result = registry.viaContract(DeclarationRights.AUTHORITY_CONTRACT, AGENT,
                RegistryHarness.DEVICE, "declare", declaration(Declaration.BLOCKED));
        assertEquals("malformed-payload", result.code());
        assertEquals("registry.declare: field 'jurisdiction' is required", result.text());
    }

    @Test
    void an_owner_may_not_send_a_jurisdiction() {
        RegistryHarness registry = new RegistryHarness().registered();
        ContractResult result = registry.send(OWNER, "declare", ContractJson.writeString(
                new DeclareCommand(Declaration.BLOCKED, null, null, "/eu", "region")));
        assertEquals("malformed-payload", result.code());
        assertEquals("registry.declare: fields 'jurisdiction' and 'rank' are only accepted from the authority"
                + " contract, not from the owner", result.text());
    }
}
