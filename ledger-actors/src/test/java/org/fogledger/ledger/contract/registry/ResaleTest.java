package org.fogledger.ledger.contract.registry;

import static org.fogledger.ledger.contract.registry.RegistryHarness.ADMIN;
import static org.fogledger.ledger.contract.registry.RegistryHarness.AGENT;
import static org.fogledger.ledger.contract.registry.RegistryHarness.BUYER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.DEVICE;
import static org.fogledger.ledger.contract.registry.RegistryHarness.OWNER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.STRANGER;
import static org.fogledger.ledger.contract.registry.RegistryHarness.declaration;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectOk;
import static org.fogledger.ledger.contract.registry.RegistryHarness.expectRefused;
import static org.fogledger.ledger.contract.registry.RegistryHarness.grant;
import static org.fogledger.ledger.contract.registry.RegistryHarness.hex;
import static org.fogledger.ledger.contract.registry.RegistryHarness.resale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

/** A resale passes ownership only with both owners' signatures over this very transfer. */
class ResaleTest {

    private static RegistryHarness operational() {
        return new RegistryHarness().registered().declared(Declaration.COMMISSIONED, Declaration.INSTALLED);
    }

    private static Signature statementSignedBy(KeyPair signer, String device, KeyPair seller, KeyPair buyer,
                                               long sequence, long validUntil) {
        return new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, device, seller.publicKey(), buyer.publicKey(), sequence, validUntil)
                .sign(signer);
    }

    @Test
    void the_owner_sends_and_the_buyer_counter_signs() {
        RegistryHarness registry = operational();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        expectOk(registry.resell(OWNER, BUYER, OWNER, BUYER));

        RegisteredDevice device = registry.device();
        assertEquals(BUYER.publicKey(), device.owner());
        assertEquals(Phase.SOLD, device.phase());
        assertEquals(1, device.ownershipSequence());
        assertTrue(device.administrators().isEmpty(), "the buyer did not grant the seller's administrators");
        HistoryEntry entry = device.phaseDecidedBy();
        assertEquals(Declaration.RESOLD, entry.declaration());
        assertEquals(DeclarerRole.OWNER, entry.role());
        assertEquals(OWNER.publicKey(), entry.declarer());
        assertEquals(BUYER.publicKey(), entry.newOwner());

        expectRefused(registry.send(OWNER, "declare", declaration(Declaration.INSTALLED)), "not-authorised");
        expectRefused(registry.send(ADMIN, "declare", declaration(Declaration.INSTALLED)), "not-authorised");
        expectOk(registry.send(BUYER, "declare", declaration(Declaration.INSTALLED)));
    }

    @Test
    void the_buyer_sends_and_the_owner_counter_signs() {
        RegistryHarness registry = operational();
        expectOk(registry.resell(BUYER, BUYER, OWNER, OWNER));
        assertEquals(BUYER.publicKey(), registry.device().owner());
        assertEquals(DeclarerRole.NEW_OWNER, registry.device().phaseDecidedBy().role());
        assertEquals(BUYER.publicKey(), registry.device().phaseDecidedBy().declarer());
    }

    @Test
    void a_counter_signature_by_anyone_but_the_other_party_is_refused() {
        RegistryHarness registry = operational();
        // Signed by a stranger, and by the sender itself: either way only one owner agreed.
        for (KeyPair forger : new KeyPair[] {STRANGER, OWNER}) {
            ContractResult refused = expectRefused(registry.resell(OWNER, BUYER, OWNER, forger),
                    "bad-counter-signature");
            assertTrue(refused.text().startsWith("registry.resell: field 'counterSignature' is not the new owner's"
                    + " signature (" + hex(BUYER.publicKey()) + ") over the transfer of device dev-42 from "
                    + hex(OWNER.publicKey()) + " to " + hex(BUYER.publicKey()) + " at resale sequence 0"),
                    refused.text());
        }
        assertEquals(OWNER.publicKey(), registry.device().owner());
    }

    @Test
    void a_tampered_counter_signature_is_refused() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 60_000;
        byte[] raw = statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil).raw();
        raw[10] ^= 1;
        expectRefused(registry.send(OWNER, "resell", resale(BUYER.publicKey(), 0, validUntil,
                Signature.of(SignatureScheme.ED25519, raw))), "bad-counter-signature");
    }

    @Test
    void a_counter_signature_for_another_device_is_refused() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 60_000;
        Signature forOtherDevice = statementSignedBy(BUYER, "dev-7", OWNER, BUYER, 0, validUntil);
        expectRefused(registry.send(OWNER, "resell", resale(BUYER.publicKey(), 0, validUntil, forOtherDevice)),
                "bad-counter-signature");
    }

    @Test
    void a_counter_signature_with_another_expiry_than_the_one_sent_is_refused() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 60_000;
        Signature signed = statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil);
        expectRefused(registry.send(OWNER, "resell", resale(BUYER.publicKey(), 0, validUntil + 1, signed)),
                "bad-counter-signature");
    }

    @Test
    void a_missing_counter_signature_is_refused_naming_the_field() {
        RegistryHarness registry = operational();
        ContractResult refused = expectRefused(registry.send(OWNER, "resell",
                resale(BUYER.publicKey(), 0, registry.blockTimeMillis() + 60_000, null)), "malformed-payload");
        assertEquals("registry.resell: field 'counterSignature' is required", refused.text());
    }

    @Test
    void a_replayed_counter_signature_is_refused() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 600_000;
        Signature buyerAgreed = statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil);
        String firstSale = resale(BUYER.publicKey(), 0, validUntil, buyerAgreed);
        expectOk(registry.send(OWNER, "resell", firstSale));
        // The same transaction again: its buyer owns the device already.
        expectRefused(registry.send(OWNER, "resell", firstSale), "same-owner");
        // The device goes back to its first owner, who then replays the buyer's old agreement.
        expectOk(registry.resell(BUYER, OWNER, BUYER, OWNER));
        assertEquals(OWNER.publicKey(), registry.device().owner());
        ContractResult stale = expectRefused(registry.send(OWNER, "resell", firstSale), "stale-transfer-sequence");
        assertEquals("the statement names resale sequence 0 but device dev-42 is at resale sequence 2: it was made"
                + " for another resale (a replay) or is out of date", stale.text());
        // Claiming the current sequence does not help: the old signature is over sequence 0.
        expectRefused(registry.send(OWNER, "resell", resale(BUYER.publicKey(), 2, validUntil, buyerAgreed)),
                "bad-counter-signature");
        assertEquals(OWNER.publicKey(), registry.device().owner());
    }

    @Test
    void an_expired_statement_is_refused() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 1_000;
        Signature signed = statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil);
        registry.setBlockTime(validUntil);
        ContractResult refused = expectRefused(registry.send(OWNER, "resell",
                resale(BUYER.publicKey(), 0, validUntil, signed)), "transfer-expired");
        assertEquals("the statement was valid until block time " + validUntil + "; this block's time is "
                + (validUntil + 1_000), refused.text());
    }

    @Test
    void a_statement_is_usable_up_to_and_including_its_last_block_time() {
        RegistryHarness registry = operational();
        long validUntil = registry.blockTimeMillis() + 1_000;
        Signature signed = statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil);
        expectOk(registry.send(OWNER, "resell", resale(BUYER.publicKey(), 0, validUntil, signed)));
    }

    @Test
    void only_the_current_or_the_new_owner_may_send_a_resale() {
        RegistryHarness registry = operational();
        expectOk(registry.send(OWNER, "grant-administration", grant(ADMIN.publicKey(), null)));
        long validUntil = registry.blockTimeMillis() + 60_000;
        String sale = resale(BUYER.publicKey(), 0, validUntil,
                statementSignedBy(BUYER, DEVICE, OWNER, BUYER, 0, validUntil));
        ContractResult refused = expectRefused(registry.send(STRANGER, "resell", sale), "not-authorised");
        assertEquals("a resale of device dev-42 must be sent by the current owner " + hex(OWNER.publicKey())
                + " or the new owner " + hex(BUYER.publicKey()) + ", not by " + hex(STRANGER.publicKey()),
                refused.text());
        expectRefused(registry.send(ADMIN, "resell", sale), "not-authorised");
        assertTrue(expectRefused(registry.viaAuthority(AGENT, "resell", sale), "not-authorised").text()
                .contains("internal messages (here from authority/_) are refused"));
        assertEquals(OWNER.publicKey(), registry.device().owner());
    }

    @Test
    void a_resale_to_the_owner_itself_is_refused() {
        RegistryHarness registry = operational();
        expectRefused(registry.resell(OWNER, OWNER, OWNER, OWNER), "same-owner");
    }

    @Test
    void a_block_in_force_survives_a_resale() {
        RegistryHarness registry = operational();
        expectOk(registry.viaAuthority(AGENT, "declare", declaration(Declaration.BLOCKED)));
        expectOk(registry.resell(OWNER, BUYER, OWNER, BUYER));
        expectOk(registry.send(BUYER, "declare", declaration(Declaration.INSTALLED)));
        assertEquals(Verdict.BLOCKED, registry.legitimacy().verdict());
        expectRefused(registry.send(BUYER, "declare", declaration(Declaration.RELEASED)), "not-authorised");
    }

    @Test
    void a_post_quantum_buyer_key_counter_signs_too() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        KeyPair pqBuyer = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, seed);
        RegistryHarness registry = operational();
        expectOk(registry.resell(OWNER, pqBuyer, OWNER, pqBuyer));
        assertEquals(pqBuyer.publicKey(), registry.device().owner());
        assertFalse(registry.device().hasBlock());
    }

    @Test
    void the_statement_binds_every_field() {
        OwnershipTransferStatement base = new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(),
                BUYER.publicKey(), 3, 5_000);
        Signature signature = base.sign(BUYER);
        assertTrue(base.isSignedBy(BUYER.publicKey(), signature));
        for (OwnershipTransferStatement changed : new OwnershipTransferStatement[] {
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, "dev-43", OWNER.publicKey(), BUYER.publicKey(), 3, 5_000),
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, STRANGER.publicKey(), BUYER.publicKey(), 3, 5_000),
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(), STRANGER.publicKey(), 3, 5_000),
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(), BUYER.publicKey(), 4, 5_000),
                new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(), BUYER.publicKey(), 3, 5_001)}) {
            assertFalse(changed.isSignedBy(BUYER.publicKey(), signature), changed.toString());
        }
    }

    /** The signed bytes are a format other programs (fogctl, wallets) produce: pinned, byte for byte. */
    @Test
    void the_statement_bytes_are_stable() {
        OwnershipTransferStatement statement = new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(),
                BUYER.publicKey(), 0, 1_100_000);
        assertEquals("464f474c45444745522f76312f72656769737472792d6f776e6572736869702d7472616e7366657200"
                + "01" + "0000000d" + "72656769737472792d74657374" + "00000006" + "6465762d3432"
                + "01" + "7846507885e3b3a4a67412b3e76606b399e244af763a5f8de9f7f96b55d2a0ef"
                + "01" + "76a685c767e4fa8998936b5685333a82909057e229be2a572ddd0af4d7bc7422"
                + "0000000000000000" + "000000000010c8e0",
                org.fogledger.ledger.contract.ContractJson.hex(statement.signingBytes()));
    }

    @Test
    void the_statement_is_domain_separated_from_every_ledger_signature() {
        byte[] signed = new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, OWNER.publicKey(), BUYER.publicKey(), 0, 1)
                .signingBytes();
        for (org.fogledger.ledger.codec.Domain domain : org.fogledger.ledger.codec.Domain.values()) {
            if (domain == org.fogledger.ledger.codec.Domain.REGISTRY_OWNERSHIP_TRANSFER) {
                continue;
            }
            byte[] prefix = domain.prefix();
            assertFalse(signed.length >= prefix.length
                    && Arrays.equals(prefix, Arrays.copyOf(signed, prefix.length)), domain.name());
        }
        assertEquals("FOGLEDGER/v1/registry-ownership-transfer\0",
                new String(OwnershipTransferStatement.DOMAIN_PREFIX, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
