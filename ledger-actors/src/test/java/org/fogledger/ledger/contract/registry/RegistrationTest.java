package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.AGENT;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE_KEY;
import static org.fogledger.ledger.contract.registry.RegistryHarness.MAKER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.STRANGER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.WARD;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.fogledger.ledger.contract.registry.RegistryHarness.grant;
import static org.fogledger.ledger.contract.registry.RegistryHarness.hex;
import static org.fogledger.ledger.contract.registry.RegistryHarness.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.junit.jupiter.api.Test;

/** The maker registers a device once; everything else needs a registered device. */
class RegistrationTest {

    @Test
    void the_maker_registers_a_device_for_its_first_owner() {
        RegistryHarness registry = new RegistryHarness();
        ContractResult result = expectOk(registry.send(MAKER, "register",
                registration(MAKER.publicKey(), OWNER.publicKey(), WARD)));
        assertEquals("registered", result.code());

        RegisteredDevice device = registry.device();
        assertEquals(DEVICE, device.deviceId());
        assertEquals(DEVICE_KEY.publicKey(), device.deviceKey());
        assertEquals("pulse-oximeter-x2", device.model());
        assertEquals(MAKER.publicKey(), device.maker());
        assertEquals(OWNER.publicKey(), device.owner());
        assertEquals(WARD, device.location());
        assertEquals(Phase.REGISTERED, device.phase());
        assertNull(device.block());
        HistoryEntry entry = new HistoryEntry(0, 1, 0, registry.blockTimeMillis(), MAKER.publicKey(),
                DeclarerRole.MAKER, null, Declaration.REGISTERED, WARD, null, null);
        assertEquals(entry, device.phaseDecidedBy());
        assertEquals(java.util.List.of(entry), device.history());
        assertEquals(new DeclarationAccepted(DEVICE, entry, Phase.REGISTERED, false),
                ContractJson.readTrusted(result.data(), DeclarationAccepted.class));
    }

    @Test
    void re_registration_is_refused_whoever_asks() {
        RegistryHarness registry = new RegistryHarness().registered();
        for (var maker : new org.fogledger.ledger.crypto.KeyPair[] {MAKER, STRANGER}) {
            ContractResult refused = expectRefused(registry.send(maker, "register",
                    registration(maker.publicKey(), maker.publicKey(), "/eu")), "already-registered");
            assertEquals("device dev-42 is already registered (by maker " + hex(MAKER.publicKey())
                    + "); re-registration is refused", refused.text());
        }
        assertEquals(OWNER.publicKey(), registry.device().owner());
    }

    @Test
    void registration_must_be_signed_by_the_maker_it_names() {
        RegistryHarness registry = new RegistryHarness();
        ContractResult refused = expectRefused(registry.send(OWNER, "register",
                registration(MAKER.publicKey(), OWNER.publicKey(), WARD)), "not-authorised");
        assertEquals("registration of device dev-42 must be signed by its maker " + hex(MAKER.publicKey())
                + ", not by " + hex(OWNER.publicKey()), refused.text());
        assertInstanceOf(UnregisteredDevice.class, registry.state());
    }

    @Test
    void an_owner_without_a_maker_on_the_ledger_registers_as_its_own_maker() {
        RegistryHarness registry = new RegistryHarness();
        expectOk(registry.send(OWNER, "register", registration(OWNER.publicKey(), OWNER.publicKey(), WARD)));
        assertEquals(OWNER.publicKey(), registry.device().maker());
    }

    @Test
    void registration_through_a_contract_is_refused() {
        RegistryHarness registry = new RegistryHarness();
        ContractResult refused = expectRefused(registry.viaAuthority(AGENT, "register",
                registration(AGENT.publicKey(), AGENT.publicKey(), WARD)), "not-authorised");
        assertEquals("registration of device dev-42 must be a transaction signed by its maker; internal messages"
                + " (here from authority/_) are refused", refused.text());
    }

    @Test
    void nothing_but_registration_works_on_an_unregistered_device() {
        RegistryHarness registry = new RegistryHarness();
        assertEquals("device dev-42 is not registered (declare needs a registered device; the maker registers it"
                        + " with command register)",
                expectRefused(registry.send(OWNER, "declare", declaration(Declaration.COMMISSIONED)),
                        "not-registered").text());
        expectRefused(registry.send(OWNER, "resell", RegistryHarness.resale(STRANGER.publicKey(), 0, 1,
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(), STRANGER.publicKey(), 0, 1).sign(STRANGER))),
                "not-registered");
        expectRefused(registry.send(OWNER, "grant-administration", grant(STRANGER.publicKey(), null)),
                "not-registered");
        expectRefused(registry.send(OWNER, "revoke-administration",
                ContractJson.writeString(new RevokeAdministrationCommand(STRANGER.publicKey()))), "not-registered");
    }

    @Test
    void a_destroyed_device_takes_no_more_commands() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.DESTROYED);
        assertEquals("illegal-transition", registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)).code());
        ContractResult refused = expectRefused(registry.send(OWNER, "grant-administration",
                grant(STRANGER.publicKey(), null)), "device-destroyed");
        assertEquals("command grant-administration refused: device dev-42 is destroyed, which is terminal"
                + " (destroyed at height 2 index 0 by owner " + hex(OWNER.publicKey()) + ")", refused.text());
        expectRefused(registry.resell(OWNER, STRANGER, OWNER, STRANGER), "illegal-transition");
    }

    @Test
    void arriving_somewhere_moves_the_device_in_the_hierarchy() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.SHIPPED);
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.RECEIVED, "/eu/de/berlin/clinic-b")));
        assertEquals("/eu/de/berlin/clinic-b", registry.device().location());
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.INSTALLED)));
        assertEquals("/eu/de/berlin/clinic-b", registry.device().location(), "no location: the device stays");
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.INSTALLED, "/eu/de/berlin/clinic-b/icu")));
        assertEquals("/eu/de/berlin/clinic-b/icu", registry.device().location());
        assertEquals("/eu/de/berlin/clinic-b/icu", registry.device().phaseDecidedBy().location());
    }

    @Test
    void a_note_is_kept_with_the_declaration() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED);
        expectOk(registry.send(OWNER, "declare", ContractJson.writeString(new DeclareCommand(Declaration.STOLEN, null,
                "police report 2026-118, Lyon 3e"))));
        assertEquals("police report 2026-118, Lyon 3e", registry.device().phaseDecidedBy().note());
    }
}
