package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.ADMIN;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.STRANGER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.fogledger.ledger.contract.registry.RegistryHarness.grant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.Executor;
import org.fogledger.ledger.contract.InstanceTransition;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.tokens.ContractTestKeys;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/**
 * Commands offer-sharing and withdraw-sharing: the registry checks the owner and that the device is admitted, and
 * relays to the sharing contract, naming the owner and passing the terms on as given.
 */
class SharingRelayTest {
    static final String TERMS = "{\"price\":3,\"unit\":\"minute\",\"gateways\":[\"01ab\"],\"maxUnitsPerSession\":20}";

    static RegistryHarness installed() {
        return new RegistryHarness().registered().declared(Declaration.COMMISSIONED, Declaration.INSTALLED);
    }

    @Test
    void the_owner_of_an_admitted_device_has_the_offer_relayed() {
        expectOk(installed().send(OWNER, "offer-sharing", TERMS));
        expectOk(installed().send(OWNER, "withdraw-sharing", "{}"));
    }

    @Test
    void the_relay_names_the_owner_and_passes_the_terms_on_unread() {
        PublicKey maker = ContractTestKeys.key(6).publicKey();
        RegisteredDevice device = RegisteredDevice.registered(DEVICE, ContractTestKeys.key(5).publicKey(), "washer",
                maker, OWNER.publicKey(), "/eu", new HistoryEntry(0, 1, 0, 1, maker, DeclarerRole.MAKER, null,
                        Declaration.REGISTERED, "/eu", null, null));
        RegisteredDevice operational = device.declared(new HistoryEntry(1, 1, 0, 1, OWNER.publicKey(),
                DeclarerRole.OWNER, null, Declaration.INSTALLED, null, null, null), Phase.OPERATIONAL);
        List<ContractMessage> sent = run(operational, OWNER.publicKey(), "offer-sharing", TERMS).report().messages();
        assertEquals(1, sent.size());
        assertEquals(ContractAddress.of("sharing", DEVICE), sent.get(0).target());
        assertEquals("offer", sent.get(0).command());
        assertEquals("{\"offer\":" + TERMS + ",\"owner\":\"" + ContractJson.hex(OWNER.publicKey()) + "\"}",
                new String(sent.get(0).payload(), StandardCharsets.UTF_8));
        List<ContractMessage> withdrawn = run(operational, OWNER.publicKey(), "withdraw-sharing", "{}").report()
                .messages();
        assertEquals("withdraw", withdrawn.get(0).command());
        assertEquals(operational, run(operational, OWNER.publicKey(), "offer-sharing", TERMS).state(),
                "the registry's state does not change");
    }

    @Test
    void no_one_but_the_owner_in_a_direct_transaction_offers() {
        RegistryHarness registry = installed();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        assertTrue(expectRefused(registry.send(ADMIN, "offer-sharing", TERMS), "not-authorised").text()
                .contains("may be sent by the owner"));
        expectRefused(registry.send(STRANGER, "withdraw-sharing", "{}"), "not-authorised");
        assertTrue(expectRefused(registry.viaContract("impostor", OWNER, DEVICE, "offer-sharing", TERMS),
                "not-authorised").text().contains("internal messages (here from impostor/_) are refused"));
    }

    @Test
    void a_device_that_is_not_admitted_is_not_offered_but_its_offer_may_be_withdrawn() {
        RegistryHarness registry = installed();
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
        assertTrue(expectRefused(registry.send(OWNER, "offer-sharing", TERMS), "not-admitted").text()
                .contains("device dev-42 is blocked (blocked"), "names the verdict and its reason");
        expectOk(registry.send(OWNER, "withdraw-sharing", "{}"));
        expectRefused(new RegistryHarness().send(OWNER, "offer-sharing", TERMS), "not-registered");
    }

    @Test
    void malformed_offers_and_withdrawals_are_refused() {
        RegistryHarness registry = installed();
        assertTrue(expectRefused(registry.send(OWNER, "offer-sharing", "[3]"), "malformed-payload").text()
                .contains("expected the offer as a JSON object"));
        String huge = "{\"pad\":\"" + "x".repeat(SharingRelay.MAX_OFFER_BYTES) + "\"}";
        assertTrue(expectRefused(registry.send(OWNER, "offer-sharing", huge), "malformed-payload").text()
                .contains("at most " + SharingRelay.MAX_OFFER_BYTES));
        assertTrue(expectRefused(registry.send(OWNER, "withdraw-sharing", "{\"now\":true}"), "malformed-payload")
                .text().contains("expected an empty JSON object"));
    }

    private static InstanceTransition<?> run(DeviceState state, PublicKey sender, String command, String json) {
        Invocation invocation = new Invocation(ContractAddress.of(RegistryContract.NAME, DEVICE), command,
                json.getBytes(StandardCharsets.UTF_8), new ExecutionContext(2, 0, 5_000, sender, null, Hash.ZERO));
        return Executor.run(new RegistryContract("test"), state, invocation, ExecutionLimits.DEFAULT);
    }
}
