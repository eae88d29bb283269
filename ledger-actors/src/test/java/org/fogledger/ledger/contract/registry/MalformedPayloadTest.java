package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.ADMIN;
import static org.fogledger.ledger.contract.registry.RegistryHarness.BUYER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE_KEY;
import static org.fogledger.ledger.contract.registry.RegistryHarness.MAKER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.fogledger.ledger.contract.registry.RegistryHarness.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Bad payloads are refused with {@code malformed-payload} and a reason that names the command and the field. */
class MalformedPayloadTest {
    static final String DEVICE = hex(DEVICE_KEY.publicKey());
    static final String MAKER_KEY = hex(MAKER.publicKey());
    static final String OWNER_KEY = hex(OWNER.publicKey());
    static final String BUYER_KEY = hex(BUYER.publicKey());
    static final String SIG = "01" + "ab".repeat(64);

    /** A payload, who sends it, and what the reason must contain. */
    record Case(String command, KeyPair sender, String payload, String reasonContains) {
    }

    static String register(String deviceKey, String model, String location) {
        return "{\"deviceKey\":" + deviceKey + ",\"maker\":\"" + MAKER_KEY + "\",\"model\":" + model
                + ",\"owner\":\"" + OWNER_KEY + "\",\"location\":" + location + "}";
    }

    static final List<Case> CASES = List.of(
            new Case("register", MAKER, "not json", "registry.register: not valid JSON"),
            new Case("register", MAKER, "[]", "registry.register:"),
            new Case("register", MAKER, register(null, "\"m\"", "\"/eu\""),
                    "registry.register: field 'deviceKey' is required"),
            new Case("register", MAKER, register("\"01zz\"", "\"m\"", "\"/eu\""),
                    "registry.register: field 'deviceKey': expected a public key as tagged hex"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "null", "\"/eu\""),
                    "registry.register: field 'model' is required"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"" + "m".repeat(129) + "\"", "\"/eu\""),
                    "registry.register: field 'model' must be 1 to 128 characters, got 129"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\\u0007\"", "\"/eu\""),
                    "registry.register: field 'model' holds a control character or a lone surrogate at position 1"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\"", "\"/eu/FR\""),
                    "registry.register: field 'location' segment 2 'FR' of '/eu/FR' may only hold a-z, 0-9 and '-'"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\"", "\"eu/fr\""),
                    "registry.register: field 'location' 'eu/fr' must start with '/'"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\"", "\"/eu//fr\""),
                    "registry.register: field 'location' '/eu//fr' has an empty segment 2 ('//')"),
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\"", "null"),
                    "registry.register: field 'location' is required"),
            // The shared reader turns a number into text; the path rules still refuse it.
            new Case("register", MAKER, register("\"" + DEVICE + "\"", "\"m\"", "7"),
                    "registry.register: field 'location': Cannot coerce Integer value (7) to a string value"),
            new Case("register", MAKER, "{\"deviceKey\":\"" + DEVICE + "\",\"colour\":\"red\"}",
                    "registry.register: field 'colour': unknown field; expected one of [deviceKey, location, maker, model, owner]"),
            new Case("declare", OWNER, "{}", "registry.declare: field 'declaration' is required"),
            new Case("declare", OWNER, "{\"declaration\":\"lost\"}", "registry.declare: field 'declaration':"),
            // A number must not select the enum constant at that position (3 would be 'received').
            new Case("declare", OWNER, "{\"declaration\":3}", "registry.declare: field 'declaration':"),
            new Case("declare", OWNER, "{\"declaration\":\"3\"}", "registry.declare: field 'declaration':"),
            new Case("declare", OWNER, "{\"declaration\":\"shipped\",\"location\":\"/eu\"}",
                    "registry.declare: field 'location' is only accepted with declarations received, stored and"
                            + " installed, not with shipped"),
            new Case("declare", OWNER, "{\"declaration\":\"installed\",\"location\":\"/eu/" + "a/".repeat(16)
                    + "b\"}", "registry.declare: field 'location' '/eu/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b' is deeper"
                    + " than 16 segments"),
            new Case("declare", OWNER, "{\"declaration\":\"stored\",\"note\":\"" + "n".repeat(281) + "\"}",
                    "registry.declare: field 'note' must be 1 to 280 characters, got 281"),
            new Case("declare", OWNER, "{\"declaration\":\"stored\",\"note\":\"\\ud800\"}",
                    "registry.declare: field 'note' holds a control character or a lone surrogate at position 0"),
            new Case("declare", OWNER, "{\"declaration\":\"commissioned\",\"declaration\":\"stored\"}",
                    "registry.declare:"),
            new Case("resell", OWNER, "{\"sequence\":0,\"validUntilMillis\":9,\"counterSignature\":\"" + SIG + "\"}",
                    "registry.resell: field 'newOwner' is required"),
            new Case("resell", OWNER, "{\"newOwner\":\"" + BUYER_KEY + "\",\"validUntilMillis\":9,"
                    + "\"counterSignature\":\"" + SIG + "\"}", "registry.resell: field 'sequence' is required"),
            new Case("resell", OWNER, "{\"newOwner\":\"" + BUYER_KEY + "\",\"sequence\":-1,\"validUntilMillis\":9,"
                    + "\"counterSignature\":\"" + SIG + "\"}",
                    "registry.resell: field 'sequence' must be >= 0, got -1"),
            new Case("resell", OWNER, "{\"newOwner\":\"" + BUYER_KEY + "\",\"sequence\":0.5,\"validUntilMillis\":9,"
                    + "\"counterSignature\":\"" + SIG + "\"}", "registry.resell: field 'sequence':"),
            new Case("resell", OWNER, "{\"newOwner\":\"" + BUYER_KEY + "\",\"sequence\":0,"
                    + "\"counterSignature\":\"" + SIG + "\"}", "registry.resell: field 'validUntilMillis' is required"),
            new Case("resell", OWNER, "{\"newOwner\":\"" + BUYER_KEY + "\",\"sequence\":0,\"validUntilMillis\":9,"
                    + "\"counterSignature\":\"01abcd\"}",
                    "registry.resell: field 'counterSignature': expected a signature as tagged hex"),
            new Case("grant-administration", OWNER, "{}", "registry.grant-administration: field 'administrator' is"
                    + " required"),
            new Case("grant-administration", OWNER, "{\"administrator\":\"" + hex(ADMIN.publicKey())
                    + "\",\"expiresAtMillis\":1.5}", "registry.grant-administration: field 'expiresAtMillis':"),
            new Case("grant-administration", OWNER, "{\"administrator\":\"" + hex(ADMIN.publicKey())
                    + "\",\"expiresAtMillis\":\"soon\"}", "registry.grant-administration: field 'expiresAtMillis':"),
            new Case("revoke-administration", OWNER, "{\"administrator\":null}",
                    "registry.revoke-administration: field 'administrator' is required"));

    @TestFactory
    Stream<DynamicTest> every_malformed_payload_is_refused_naming_the_field() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.command() + " " + abbreviate(c.payload()), () -> {
            RegistryHarness registry = new RegistryHarness();
            if (!c.command().equals("register")) {
                registry.registered();
            }
            long before = registry.height();
            ContractResult result = expectRefused(registry.send(c.sender(), c.command(), c.payload()),
                    "malformed-payload");
            assertTrue(result.text().startsWith(c.reasonContains()) || result.text().contains(c.reasonContains()),
                    () -> "reason was: " + result.text());
            assertEquals(before + 1, registry.height());
            if (!c.command().equals("register")) {
                assertEquals(1, registry.device().declarationCount(), "nothing recorded");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> wrong_commands_are_refused_with_a_pointer_to_the_right_one() {
        return Stream.of(
                DynamicTest.dynamicTest("declare registered", () -> assertEquals(
                        "declaration registered is made with command 'register'",
                        expectRefused(new RegistryHarness().registered().send(OWNER, "declare",
                                "{\"declaration\":\"registered\"}"), "wrong-command").text())),
                DynamicTest.dynamicTest("declare resold", () -> assertEquals(
                        "declaration resold is made with command 'resell', which carries both owners' signatures",
                        expectRefused(new RegistryHarness().registered().send(OWNER, "declare",
                                "{\"declaration\":\"resold\"}"), "wrong-command").text())),
                DynamicTest.dynamicTest("unknown command", () -> assertEquals(
                        "contract registry has no command 'transfer'; commands: register, declare, resell,"
                                + " grant-administration, revoke-administration, vet-decision, enact, offer-sharing,"
                                + " withdraw-sharing",
                        expectRefused(new RegistryHarness().send(OWNER, "transfer", "{}"), "unknown-command")
                                .text())));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
