package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.ADMIN;
import static org.fogledger.ledger.contract.registry.RegistryHarness.AGENT;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.STRANGER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.fogledger.ledger.contract.registry.RegistryHarness.grant;
import static org.fogledger.ledger.contract.registry.RegistryHarness.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Who may declare what: the owner, a current administrator, the authority contract; nobody else. */
class DeclarationRightsTest {
    static final KeyPair LAPSED_ADMIN = RegistryHarness.key("lapsed-admin");

    /** The actors a declaration can come from. */
    enum Actor { OWNER, ADMINISTRATOR, EXPIRED_ADMINISTRATOR, STRANGER, AUTHORITY, IMPOSTOR_CONTRACT }

    /**
     * Which actors may make each declaration (x), written out independently of {@link DeclarationRights}. An expired
     * administrator, a stranger and a contract other than {@code authority} may make none.
     */
    static final String EXPECTED = """
            declaration     owner  administrator  authority
            commissioned    x      x              x
            shipped         x      x              x
            received        x      x              x
            stored          x      x              x
            installed       x      x              x
            public-access   x      x              x
            stolen          x      -              -
            recovered       x      -              -
            obsolete        x      x              x
            decommissioned  x      x              x
            destroyed       x      -              x
            blocked         x      x              x
            released        x      x              x
            """;

    /** A phase from which each declaration is legal, so only the rights decide. */
    static final Map<Declaration, Phase> LEGAL_FROM = legalFrom();

    private static Map<Declaration, Phase> legalFrom() {
        Map<Declaration, Phase> from = new EnumMap<>(Declaration.class);
        from.put(Declaration.COMMISSIONED, Phase.REGISTERED);
        from.put(Declaration.SHIPPED, Phase.COMMISSIONED);
        from.put(Declaration.RECEIVED, Phase.IN_TRANSIT);
        from.put(Declaration.STORED, Phase.COMMISSIONED);
        from.put(Declaration.INSTALLED, Phase.COMMISSIONED);
        from.put(Declaration.PUBLIC_ACCESS, Phase.OPERATIONAL);
        from.put(Declaration.STOLEN, Phase.OPERATIONAL);
        from.put(Declaration.RECOVERED, Phase.STOLEN);
        from.put(Declaration.OBSOLETE, Phase.OPERATIONAL);
        from.put(Declaration.DECOMMISSIONED, Phase.STORED);
        from.put(Declaration.DESTROYED, Phase.OPERATIONAL);
        from.put(Declaration.BLOCKED, Phase.OPERATIONAL);
        from.put(Declaration.RELEASED, Phase.OPERATIONAL);
        return from;
    }

    @TestFactory
    Stream<DynamicTest> every_declaration_by_every_actor() {
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            Declaration declaration = named(cells[0]);
            for (Actor actor : Actor.values()) {
                boolean may = switch (actor) {
                    case OWNER -> cells[1].equals("x");
                    case ADMINISTRATOR -> cells[2].equals("x");
                    case AUTHORITY -> cells[3].equals("x");
                    default -> false;
                };
                String name = declaration + " by " + actor + " -> " + (may ? "accepted" : "refused");
                tests.add(DynamicTest.dynamicTest(name,
                        () -> check(declaration, actor, may)));
            }
        }
        assertEquals(Declaration.values().length - 2, tests.size() / Actor.values().length,
                "a row for every declaration made with 'declare'");
        return tests.stream();
    }

    private static void check(Declaration declaration, Actor actor, boolean may) {
        RegistryHarness registry = new RegistryHarness().registered();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        expectOk(registry.send(OWNER, "grant-administration",
                grant(LAPSED_ADMIN.publicKey(), registry.blockTimeMillis() + 5_000)));
        if (declaration == Declaration.RELEASED) {
            expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
        }
        Phase from = LEGAL_FROM.get(declaration);
        registry.declared(TransitionMatrixTest.PATHS.get(from).toArray(Declaration[]::new));
        registry.setBlockTime(registry.blockTimeMillis() + 60_000);
        long before = registry.device().declarationCount();

        String json = declaration(declaration);
        ContractResult result = switch (actor) {
            case OWNER -> registry.send(OWNER, "declare", json);
            case ADMINISTRATOR -> registry.send(ADMIN, "declare", json);
            case EXPIRED_ADMINISTRATOR -> registry.send(LAPSED_ADMIN, "declare", json);
            case STRANGER -> registry.send(STRANGER, "declare", json);
            case AUTHORITY -> registry.viaAuthority(AGENT, "declare", json);
            // The owner signs the transaction, yet no contract but 'authority' may borrow the owner's rights.
            case IMPOSTOR_CONTRACT -> registry.viaContract("impostor", OWNER, DEVICE, "declare", json);
        };
        if (may) {
            expectOk(result);
            HistoryEntry entry = registry.device().history().get(registry.device().history().size() - 1);
            assertEquals(declaration, entry.declaration());
            assertEquals(switch (actor) {
                case OWNER -> DeclarerRole.OWNER;
                case ADMINISTRATOR -> DeclarerRole.ADMINISTRATOR;
                default -> DeclarerRole.AUTHORITY;
            }, entry.role());
        } else {
            expectRefused(result, "not-authorised");
            assertEquals(before, registry.device().declarationCount(), "a refused declaration is not recorded");
            String reason = result.text();
            switch (actor) {
                case EXPIRED_ADMINISTRATOR -> assertTrue(
                        reason.contains("its administrator grant expired at block time"), reason);
                case STRANGER -> assertTrue(reason.contains("key " + hex(STRANGER.publicKey())
                        + " is neither the owner nor an administrator"), reason);
                case IMPOSTOR_CONTRACT -> assertTrue(reason.contains(
                        "internal messages are accepted from the contract 'authority' only, not from 'impostor/_'"),
                        reason);
                default -> assertTrue(reason.startsWith("declaration " + declaration + " on device " + DEVICE
                        + " may be made by "), reason);
            }
        }
    }

    @Test
    void a_declaration_relayed_by_the_authority_records_the_agent_and_the_caller() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED);
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.INSTALLED, "/eu/fr/lyon/ward-9")));
        HistoryEntry entry = registry.device().phaseDecidedBy();
        assertEquals(AGENT.publicKey(), entry.declarer());
        assertEquals(DeclarerRole.AUTHORITY, entry.role());
        assertEquals("authority/_", entry.caller());
        assertEquals("/eu/fr/lyon/ward-9", registry.device().location());
    }

    @Test
    void stolen_is_for_the_owner_only_and_the_reason_says_so() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        ContractResult result = expectRefused(registry.viaAuthority(AGENT, "declare",
                declaration(Declaration.STOLEN)), "not-authorised");
        assertEquals("declaration stolen on device dev-42 may be made by the owner only, not by the authority"
                + " contract", result.text());
    }

    @Test
    void a_block_declared_through_the_authority_is_released_through_the_authority_only() {
        RegistryHarness registry = new RegistryHarness().registered().declared(Declaration.COMMISSIONED,
                Declaration.INSTALLED);
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.BLOCKED)));
        for (KeyPair key : List.of(OWNER, ADMIN)) {
            ContractResult refused = expectRefused(registry.send(key, "declare", declaration(Declaration.RELEASED)),
                    "not-authorised");
            assertTrue(refused.text().contains("was declared through the authority contract (blocked at height "),
                    refused.text());
            assertTrue(refused.text().endsWith("only the authority may release it, not the "
                    + (key == OWNER ? "owner " : "administrator ") + hex(key.publicKey())), refused.text());
        }
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.RELEASED)));
        assertNull(registry.device().block());
    }

    @Test
    void a_block_by_the_owner_may_be_released_by_an_administrator_or_the_authority() {
        RegistryHarness registry = new RegistryHarness().registered();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
        expectOk(registry.send(ADMIN, "declare", declaration(Declaration.RELEASED)));
        expectOk(registry.send(OWNER, "declare", declaration(Declaration.BLOCKED)));
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.RELEASED)));
    }

    @Test
    void an_administrator_grant_holds_until_its_expiry_in_block_time_exactly() {
        RegistryHarness registry = new RegistryHarness().registered();
        long expiry = registry.blockTimeMillis() + 10_000;
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), expiry)));
        registry.setBlockTime(expiry - 1_001);
        expectOk(registry.send(ADMIN, "declare", declaration(Declaration.COMMISSIONED)));
        registry.setBlockTime(expiry - 1_000);
        ContractResult refused = expectRefused(registry.send(ADMIN, "declare", declaration(Declaration.STORED)),
                "not-authorised");
        assertTrue(refused.text().endsWith("(its administrator grant expired at block time " + expiry
                + "; this block's time is " + expiry + ")"), refused.text());
    }

    @Test
    void a_revoked_administrator_has_no_rights_left() {
        RegistryHarness registry = new RegistryHarness().registered();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        expectOk(registry.send(ADMIN, "declare", declaration(Declaration.COMMISSIONED)));
        expectOk(registry.send(OWNER, "revoke-administration",
                ContractJson.writeString(new RevokeAdministrationCommand(ADMIN.publicKey()))));
        expectRefused(registry.send(ADMIN, "declare", declaration(Declaration.STORED)), "not-authorised");
        expectRefused(registry.send(OWNER, "revoke-administration",
                ContractJson.writeString(new RevokeAdministrationCommand(ADMIN.publicKey()))), "not-an-administrator");
    }

    @Test
    void only_the_owner_grants_and_revokes_administration_by_transaction() {
        RegistryHarness registry = new RegistryHarness().registered();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        String grantStranger = grant(STRANGER.publicKey(), null);
        assertTrue(expectRefused(registry.send(ADMIN, "grant-administration", grantStranger), "not-authorised")
                .text().contains("may be sent by the owner " + hex(OWNER.publicKey()) + " only"));
        assertTrue(expectRefused(registry.viaAuthority(AGENT, "grant-administration", grantStranger),
                "not-authorised").text().contains("internal messages (here from authority/_) are refused"));
        assertTrue(expectRefused(registry.viaContract("impostor", OWNER, DEVICE, "revoke-administration",
                        ContractJson.writeString(new RevokeAdministrationCommand(ADMIN.publicKey()))), "not-authorised")
                .text().contains("internal messages (here from impostor/_) are refused"));
    }

    @Test
    void a_grant_must_name_another_key_and_a_future_expiry() {
        RegistryHarness registry = new RegistryHarness().registered();
        expectRefused(registry.send(OWNER, "grant-administration", grant(OWNER.publicKey(), null)),
                "owner-not-administrator");
        long now = registry.blockTimeMillis() + 1_000;
        assertEquals("registry.grant-administration: field 'expiresAtMillis' " + now + " is not after this block's"
                        + " time " + now + ": the grant would never hold",
                expectRefused(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), now)),
                        "invalid-expiry").text());
    }

    @Test
    void administrators_are_bounded_and_expired_grants_make_room() {
        RegistryHarness registry = new RegistryHarness().registered();
        long soon = registry.blockTimeMillis() + 1_500;
        expectOk(registry.send(OWNER, "grant-administration", grant(LAPSED_ADMIN.publicKey(), soon)));
        for (int i = 0; i < RegistryContract.MAX_ADMINISTRATORS - 1; i++) {
            expectOk(registry.send(OWNER, "grant-administration",
                    grant(RegistryHarness.key("admin-" + i).publicKey(), null)));
        }
        // The lapsed grant expired before the others were made: granting dropped it, and it does not count.
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        assertEquals(RegistryContract.MAX_ADMINISTRATORS, registry.device().administrators().size());
        assertNull(registry.device().grantOf(LAPSED_ADMIN.publicKey()));
        ContractResult full = expectRefused(registry.send(OWNER, "grant-administration",
                grant(STRANGER.publicKey(), null)), "too-many-administrators");
        assertEquals("device dev-42 has 16 administrators whose grants hold, the most allowed; revoke one first",
                full.text());
        // Re-granting a key already there replaces its grant rather than adding one.
        long later = registry.blockTimeMillis() + 99_000;
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), later)));
        assertEquals(later, registry.device().grantOf(ADMIN.publicKey()).expiresAtMillis());
        assertEquals(RegistryContract.MAX_ADMINISTRATORS, registry.device().administrators().size());
    }

    @Test
    void the_rights_in_code_are_the_expected_table() {
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            Declaration declaration = named(cells[0]);
            assertEquals(cells[1].equals("x"), DeclarationRights.mayDeclare(declaration).contains(DeclarerRole.OWNER));
            assertEquals(cells[2].equals("x"),
                    DeclarationRights.mayDeclare(declaration).contains(DeclarerRole.ADMINISTRATOR));
            assertEquals(cells[3].equals("x"),
                    DeclarationRights.mayDeclare(declaration).contains(DeclarerRole.AUTHORITY));
        }
    }

    static Declaration named(String wireName) {
        for (Declaration declaration : Declaration.values()) {
            if (declaration.wireName().equals(wireName)) {
                return declaration;
            }
        }
        throw new IllegalArgumentException("no declaration " + wireName);
    }
}
