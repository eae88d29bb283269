package org.fogledger.ledger.contract.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.Legitimacy;
import org.fogledger.ledger.contract.registry.RegisterCommand;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The authority (one root operator over the whole hierarchy) and the registry in one in-memory host; one signed
 * transaction per block, block time advancing a second per block. Keys are derived from names, so runs repeat.
 */
final class AuthorityHarness {
    static final String CHAIN_ID = "authority-test";
    static final KeyPair ROOT = key("root");
    static final KeyPair REGION_FR = key("region-fr");
    static final KeyPair REGION_DE = key("region-de");
    static final KeyPair SITE_LYON = key("site-lyon");
    static final KeyPair DEVICE_AGENT = key("device-agent");
    static final KeyPair STRANGER = key("stranger");
    static final KeyPair MAKER = key("maker");
    static final KeyPair OWNER = key("owner");

    private final InMemoryContractHost host;
    private long height;
    private long nonce;
    private long blockTimeMillis = 1_000_000;

    AuthorityHarness() {
        this(AuthorityChain.INSTANCE);
    }

    AuthorityHarness(ChainChecker checker) {
        host = new InMemoryContractHost(ContractCatalog.of(new RegistryContract(CHAIN_ID),
                new AuthorityContract(Map.of(ROOT.publicKey(), DevicePath.ROOT), checker)), ExecutionLimits.DEFAULT);
    }

    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("authority-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    long blockTimeMillis() {
        return blockTimeMillis;
    }

    /** The next block's time will be {@code millis} + 1000. */
    void setBlockTime(long millis) {
        blockTimeMillis = millis;
    }

    BlockResults block(KeyPair signer, String contract, String command, Object payload) {
        Transaction tx = Transaction.sign(signer, CHAIN_ID, nonce++, contract, command, ContractJson.write(payload));
        height++;
        blockTimeMillis += 1_000;
        return host.execute(height, blockTimeMillis, List.of(tx));
    }

    ContractResult delegate(KeyPair delegator, KeyPair agent, Rank rank, String jurisdiction, Long expiresAt) {
        return block(delegator, "authority", "delegate",
                new AuthorityCommand.Delegate(agent.publicKey(), rank, jurisdiction, expiresAt))
                .forTransaction(0).result();
    }

    ContractResult delegate(KeyPair delegator, KeyPair agent, Rank rank, String jurisdiction) {
        return delegate(delegator, agent, rank, jurisdiction, null);
    }

    ContractResult revoke(KeyPair revoker, KeyPair agent) {
        return block(revoker, "authority", "revoke", new AuthorityCommand.Revoke(agent.publicKey()))
                .forTransaction(0).result();
    }

    /** Root -> region /eu/fr -> site /eu/fr/lyon. */
    AuthorityHarness rootRegionSite() {
        expectOk(delegate(ROOT, REGION_FR, Rank.REGION, "/eu/fr"));
        expectOk(delegate(REGION_FR, SITE_LYON, Rank.SITE, "/eu/fr/lyon"));
        return this;
    }

    /** The agent's declaration: the authority's own result, and the registry's if the authority relayed it. */
    record Relay(ContractResult authority, ContractResult registry) {
    }

    Relay declare(KeyPair agent, String deviceId, Declaration declaration, String location) {
        BlockResults results = block(agent, "authority", "declare",
                new AuthorityCommand.Declare(deviceId, declaration, location, null));
        ContractResult authority = results.forTransaction(0).result();
        return new Relay(authority, results.records().size() > 1 ? results.records().get(1).result() : null);
    }

    void register(String deviceId, String location) {
        expectOk(block(MAKER, "registry/" + deviceId, "register", new RegisterCommand(key("device").publicKey(),
                "meter", MAKER.publicKey(), OWNER.publicKey(), location)).forTransaction(0).result());
    }

    ChainAnswer authorityOf(KeyPair agent) {
        return ContractJson.readTrusted(host.query(AuthorityContract.ADDRESS, "authority",
                ContractJson.write(new AuthorityCommand.AuthorityOf(agent.publicKey(), blockTimeMillis))),
                ChainAnswer.class);
    }

    byte[] query(String name, Object argument) {
        return host.query(AuthorityContract.ADDRESS, name, ContractJson.write(argument));
    }

    Legitimacy legitimacy(String deviceId) {
        return ContractJson.readTrusted(host.query(ContractAddress.of(RegistryContract.NAME, deviceId), "legitimacy",
                new byte[0]), Legitimacy.class);
    }

    static void expectOk(ContractResult result) {
        assertTrue(result.ok(), () -> "expected success, got " + result.code() + ": " + result.text());
    }

    static void expectRefused(ContractResult result, String code, String text) {
        assertEquals(code, result.code(), result::text);
        assertEquals(text, result.text());
    }

    static List<Rank> ranks(ChainAnswer answer) {
        return answer.chain().stream().map(Delegation::rank).toList();
    }

    static PublicKey key(KeyPair pair) {
        return pair.publicKey();
    }
}
