package org.fogledger.ledger.contract.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.contract.tokens.Accounts;
import org.fogledger.ledger.contract.tokens.Escrow;
import org.fogledger.ledger.contract.tokens.TokensContract;
import org.fogledger.ledger.contract.tokens.TokensState;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The real registry, tokens and sharing contracts (or a variant of sharing) in one in-memory host, driven by signed
 * transactions, one block at a time; block time advances a second per block. Keys are derived from names, so runs
 * repeat.
 */
final class SharingWorld {
    static final String CHAIN_ID = "sharing-test";
    static final KeyPair MINTER = key("minter");
    static final KeyPair MAKER = key("maker");
    static final String LOCATION = "/eu/fr/lyon";

    private final InMemoryContractHost host;
    private long height;
    private long nonce;
    private long timeMillis = 1_000_000;

    SharingWorld() {
        this(new SharingContract());
    }

    SharingWorld(Contract<?, ?> sharing) {
        host = new InMemoryContractHost(ContractCatalog.of(new RegistryContract(CHAIN_ID),
                new TokensContract(List.of(MINTER.publicKey())), sharing), ExecutionLimits.DEFAULT);
    }

    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("sharing-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    static String account(KeyPair key) {
        return Accounts.of(key.publicKey());
    }

    static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    /** A JSON object from alternating names and values (nulls left out). */
    static Map<String, Object> object(Object... namesAndValues) {
        TreeMap<String, Object> object = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return object;
    }

    /** A transaction; a String payload is sent as it is (for malformed JSON), anything else written as JSON. */
    Transaction tx(KeyPair signer, String contract, String command, Object payload) {
        byte[] bytes = payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : ContractJson.write(payload);
        return Transaction.sign(signer, CHAIN_ID, nonce++, contract, command, bytes);
    }

    BlockResults block(List<Transaction> transactions) {
        height++;
        timeMillis += 1_000;
        return host.execute(height, timeMillis, transactions);
    }

    BlockResults block(Transaction... transactions) {
        return block(Arrays.asList(transactions));
    }

    /** The time the next block will have. */
    long nextBlockTime() {
        return timeMillis + 1_000;
    }

    void advance(long millis) {
        timeMillis += millis;
    }

    // --- the parties' commands, one block each ---

    void mint(KeyPair to, long amount) {
        expectOk(block(tx(MINTER, "tokens", "mint", object("to", account(to), "amount", amount)))
                .forTransaction(0).result());
    }

    /** Registered by the maker, commissioned and installed by the owner: admitted. */
    void installed(String deviceId, KeyPair owner) {
        String registry = "registry/" + deviceId;
        expectOk(block(tx(MAKER, registry, "register", object("deviceKey", hex(key("device/" + deviceId)),
                "model", "washer", "maker", hex(MAKER), "owner", hex(owner), "location", LOCATION)))
                .forTransaction(0).result());
        expectOk(block(tx(owner, registry, "declare", object("declaration", "commissioned")))
                .forTransaction(0).result());
        expectOk(block(tx(owner, registry, "declare", object("declaration", "installed"))).forTransaction(0)
                .result());
    }

    static Map<String, Object> terms(long price, String unit, List<KeyPair> gateways, long maxUnits) {
        return object("price", price, "unit", unit, "gateways", gateways.stream().map(SharingWorld::hex).toList(),
                "maxUnitsPerSession", maxUnits);
    }

    Transaction offerTx(KeyPair signer, String deviceId, Object terms) {
        return tx(signer, "registry/" + deviceId, "offer-sharing", terms);
    }

    Transaction withdrawTx(KeyPair signer, String deviceId) {
        return tx(signer, "registry/" + deviceId, "withdraw-sharing", object());
    }

    static Map<String, Object> memo(long offer, long price, long units) {
        return object("offer", offer, "price", price, "units", units);
    }

    /** The consumer's escrow-open for a session on {@code deviceId}, paying {@code payee}. */
    Transaction openTx(KeyPair consumer, String deviceId, String escrowId, String payee, long amount, long expiresAt,
                       Object memo) {
        return tx(consumer, "tokens", "escrow-open", object("id", escrowId, "payer", account(consumer),
                "controller", "sharing/" + deviceId, "payees", payee == null ? null : List.of(payee),
                "amount", amount, "expiresAt", expiresAt, "memo", memo));
    }

    Transaction meterTx(KeyPair gateway, String deviceId, String sessionId, long units, long seq) {
        return tx(gateway, "sharing/" + deviceId, "meter", object("sessionId", sessionId, "units", units,
                "reportSeq", seq));
    }

    Transaction failTx(KeyPair signer, String deviceId, String sessionId) {
        return tx(signer, "sharing/" + deviceId, "service-failed", object("sessionId", sessionId));
    }

    Transaction closeTx(KeyPair consumer, String deviceId, String sessionId) {
        return tx(consumer, "sharing/" + deviceId, "close-session", object("sessionId", sessionId));
    }

    // --- what the contracts hold ---

    TokensState tokens() {
        return (TokensState) host.state(TokensContract.ADDRESS);
    }

    long balance(KeyPair key) {
        return tokens().balance(account(key));
    }

    Escrow escrow(String id) {
        return tokens().escrows().get(id);
    }

    SharingState sharing(String deviceId) {
        return (SharingState) host.state(ContractAddress.of(SharingContract.NAME, deviceId));
    }

    byte[] query(String deviceId, String query, Object argument) {
        return host.query(ContractAddress.of(SharingContract.NAME, deviceId), query,
                argument == null ? new byte[0] : ContractJson.write(argument));
    }

    // --- reading results ---

    /** The result of the internal message {@code command} to {@code address} in the block, which must be there. */
    static ContractResult internal(BlockResults results, String address, String command) {
        List<ExecutionRecord> found = new ArrayList<>();
        for (ExecutionRecord record : results.records()) {
            if (record.internal() && record.address().equals(address) && record.command().equals(command)) {
                found.add(record);
            }
        }
        assertEquals(1, found.size(), () -> "expected one " + command + " to " + address + " in " + results.records());
        return found.get(0).result();
    }

    static void expectOk(ContractResult result) {
        assertTrue(result.ok(), () -> "expected success, got " + result);
    }

    static void expectOk(ContractResult result, String code) {
        assertTrue(result.ok(), () -> "expected " + code + ", got " + result);
        assertEquals(code, result.code());
    }

    static void expectRefused(ContractResult result, String code, String... reasonParts) {
        assertFalse(result.ok(), () -> "expected refusal " + code + ", got " + result);
        assertEquals(code, result.code(), result::text);
        for (String part : reasonParts) {
            assertTrue(result.text().contains(part), () -> "reason '" + result.text() + "' lacks '" + part + "'");
        }
    }
}
