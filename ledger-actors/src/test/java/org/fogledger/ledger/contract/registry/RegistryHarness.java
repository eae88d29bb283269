package org.fogledger.ledger.contract.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * A registry, a stand-in {@code authority} and an {@code impostor} relay in one in-memory host, run one signed
 * transaction per block; the parties are fixed keys, so every run is the same.
 */
final class RegistryHarness {
    static final String CHAIN_ID = "registry-test";
    static final String DEVICE = "dev-42";
    static final String WARD = "/eu/fr/lyon/hospital-a/ward-3";

    static final KeyPair MAKER = key("maker");
    static final KeyPair OWNER = key("owner");
    static final KeyPair BUYER = key("buyer");
    static final KeyPair ADMIN = key("admin");
    static final KeyPair AGENT = key("agent");
    static final KeyPair STRANGER = key("stranger");
    static final KeyPair DEVICE_KEY = key("device");

    private final InMemoryContractHost host = new InMemoryContractHost(ContractCatalog.of(new RegistryContract(RegistryHarness.CHAIN_ID),
            new RelayContract(DeclarationRights.AUTHORITY_CONTRACT), new RelayContract("impostor")),
            ExecutionLimits.DEFAULT);
    private long height;
    private long nonce;
    private long blockTimeMillis = 1_000_000;

    /** A key derived from a name: the same name, the same key, in every run. */
    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("registry-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    static String hex(PublicKey key) {
        return ContractJson.hex(key);
    }

    long blockTimeMillis() {
        return blockTimeMillis;
    }

    void setBlockTime(long millis) {
        blockTimeMillis = millis;
    }

    long height() {
        return height;
    }

    /** Runs {@code command} on {@code registry/device}, signed by {@code signer}, alone in the next block. */
    ContractResult send(KeyPair signer, String device, String command, String json) {
        BlockResults results = block(signer, RegistryContract.NAME + "/" + device, command, json);
        return results.forTransaction(0).result();
    }

    ContractResult send(KeyPair signer, String command, String json) {
        return send(signer, DEVICE, command, json);
    }

    /** Has {@code relay} forward the command, as a transaction {@code signer} signs; answers the registry's result. */
    ContractResult viaContract(String relay, KeyPair signer, String device, String command, String json) {
        String forward = ContractJson.writeString(new RelayContract.Forward(RegistryContract.NAME + "/" + device,
                command, json));
        BlockResults results = block(signer, relay, "forward", forward);
        assertTrue(results.forTransaction(0).result().ok(), () -> "relay failed: " + results.records());
        assertEquals(2, results.records().size(), "the relay's message runs right after it");
        return results.records().get(1).result();
    }

    /**
     * Relays as the {@code authority} contract does: a declaration carries the agent's jurisdiction and rank, here
     * the whole hierarchy and rank root (the jurisdiction checks have their own test).
     */
    ContractResult viaAuthority(KeyPair agent, String command, String json) {
        return viaAuthority(agent, command, json, DevicePath.ROOT);
    }

    ContractResult viaAuthority(KeyPair agent, String command, String json, String jurisdiction) {
        String relayed = json;
        if (command.equals("declare")) {
            DeclareCommand declare = ContractJson.readTrusted(json.getBytes(StandardCharsets.UTF_8),
                    DeclareCommand.class);
            relayed = ContractJson.writeString(new DeclareCommand(declare.declaration(), declare.location(),
                    declare.note(), jurisdiction, "root"));
        }
        return viaContract(DeclarationRights.AUTHORITY_CONTRACT, agent, DEVICE, command, relayed);
    }

    private BlockResults block(KeyPair signer, String contract, String command, String json) {
        Transaction tx = Transaction.sign(signer, CHAIN_ID, nonce++, contract, command,
                json.getBytes(StandardCharsets.UTF_8));
        height++;
        blockTimeMillis += 1_000;
        return host.execute(height, blockTimeMillis, List.of(tx));
    }

    // --- the usual commands, as JSON ---

    static String registration(PublicKey maker, PublicKey owner, String location) {
        return ContractJson.writeString(new RegisterCommand(DEVICE_KEY.publicKey(), "pulse-oximeter-x2", maker, owner,
                location));
    }

    static String declaration(Declaration declaration) {
        return ContractJson.writeString(new DeclareCommand(declaration, null, null));
    }

    static String declaration(Declaration declaration, String location) {
        return ContractJson.writeString(new DeclareCommand(declaration, location, null));
    }

    static String resale(PublicKey newOwner, long sequence, long validUntil, Signature counterSignature) {
        return ContractJson.writeString(new ResellCommand(newOwner, sequence, validUntil, counterSignature, null));
    }

    static String grant(PublicKey administrator, Long expiresAtMillis) {
        return ContractJson.writeString(new GrantAdministrationCommand(administrator, expiresAtMillis));
    }

    /** The maker registers {@link #DEVICE} for {@link #OWNER}, at {@link #WARD}. */
    RegistryHarness registered() {
        expectOk(send(MAKER, "register", registration(MAKER.publicKey(), OWNER.publicKey(), WARD)));
        return this;
    }

    /** The owner declares each of {@code declarations} in turn; each must be accepted. */
    RegistryHarness declared(Declaration... declarations) {
        for (Declaration declaration : declarations) {
            if (declaration == Declaration.RESOLD) {
                KeyPairs sale = nextSale();
                resoldTo(sale.buyer(), sale.seller());
            } else {
                expectOk(send(currentOwnerKey(), "declare", declaration(declaration)));
            }
        }
        return this;
    }

    /** A seller and a buyer. */
    record KeyPairs(KeyPair seller, KeyPair buyer) {
    }

    /** The current owner and a harness key that does not own the device: {@link #BUYER}, or {@link #OWNER} back. */
    KeyPairs nextSale() {
        KeyPair seller = currentOwnerKey();
        return new KeyPairs(seller, seller == BUYER ? OWNER : BUYER);
    }

    /** The current owner resells to {@code buyer}, who counter-signs. */
    RegistryHarness resoldTo(KeyPair buyer, KeyPair seller) {
        expectOk(resell(seller, buyer, seller, buyer));
        return this;
    }

    /** {@code sender} sends a resale from {@code seller} to {@code buyer} with {@code counterSigner}'s signature. */
    ContractResult resell(KeyPair sender, KeyPair buyer, KeyPair seller, KeyPair counterSigner) {
        long sequence = device().ownershipSequence();
        long validUntil = blockTimeMillis + 60_000;
        Signature signature = new OwnershipTransferStatement(RegistryHarness.CHAIN_ID, DEVICE, seller.publicKey(), buyer.publicKey(), sequence,
                validUntil).sign(counterSigner);
        return send(sender, "resell", resale(buyer.publicKey(), sequence, validUntil, signature));
    }

    KeyPair currentOwnerKey() {
        PublicKey owner = device().owner();
        for (KeyPair candidate : List.of(OWNER, BUYER, MAKER)) {
            if (candidate.publicKey().equals(owner)) {
                return candidate;
            }
        }
        throw new AssertionError("owner is none of the harness keys: " + owner);
    }

    // --- queries ---

    DeviceState state() {
        return (DeviceState) host.state(ContractAddress.of(RegistryContract.NAME, DEVICE));
    }

    RegisteredDevice device() {
        return (RegisteredDevice) state();
    }

    Legitimacy legitimacy(String device) {
        return ContractJson.readTrusted(host.query(ContractAddress.of(RegistryContract.NAME, device), "legitimacy",
                new byte[0]), Legitimacy.class);
    }

    Legitimacy legitimacy() {
        return legitimacy(DEVICE);
    }

    byte[] query(String name, byte[] argument) {
        return host.query(ContractAddress.of(RegistryContract.NAME, DEVICE), name, argument);
    }

    DeviceView view() {
        return ContractJson.readTrusted(query("device", new byte[0]), DeviceView.class);
    }

    static ContractResult expectOk(ContractResult result) {
        assertTrue(result.ok(), () -> "expected success, got " + result);
        return result;
    }

    static ContractResult expectRefused(ContractResult result, String code) {
        assertEquals(false, result.ok(), () -> "expected refusal " + code + ", got " + result);
        assertEquals(code, result.code(), () -> "reason: " + result.text());
        return result;
    }
}
