package org.fogledger.ledger.contract.arbitration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.policy.PolicyContract;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.fogledger.ledger.contract.registry.Declaration;
import org.fogledger.ledger.contract.registry.DeclareCommand;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.Legitimacy;
import org.fogledger.ledger.contract.registry.RegisterCommand;
import org.fogledger.ledger.contract.registry.RegistryContract;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The real authority, registry, policy and arbitration in one in-memory host, with an impostor that relays
 * {@code settle} as the policy contract does. Agents: a root over {@code /}, region France, two sites of Lyon, a site of Paris.
 * Keys are derived from names, so runs repeat.
 */
final class ArbitrationHarness {
    static final String CHAIN_ID = "arbitration-test";
    static final String WARD = "/eu/fr/lyon/hospital-a/ward-3";
    static final KeyPair ROOT = key("root");
    static final KeyPair REGION_FR = key("region-fr");
    static final KeyPair SITE_LYON_A = key("site-lyon-a");
    static final KeyPair SITE_LYON_B = key("site-lyon-b");
    static final KeyPair SITE_PARIS = key("site-paris");
    static final KeyPair MAKER = key("maker");
    static final KeyPair OWNER = key("owner");

    private final InMemoryContractHost host;
    private long height;
    private long nonce;
    private long blockTimeMillis = 1_000_000;

    ArbitrationHarness() {
        host = new InMemoryContractHost(ContractCatalog.of(new RegistryContract(CHAIN_ID),
                new AuthorityContract(Map.of(ROOT.publicKey(), DevicePath.ROOT)), new ArbitrationContract(),
                new PolicyContract(), new PolicyStandIn("impostor")), ExecutionLimits.DEFAULT);
    }

    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("arbitration-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    /** One transaction to sign and put in a block with others. */
    record Tx(KeyPair signer, String contract, String command, Object payload) {
    }

    static Tx decide(KeyPair agent, String deviceId, DecisionAction action) {
        return new Tx(agent, "authority", "decide", new AuthorityCommand.Decide(deviceId, action, null));
    }

    /** {@code issuer} issues the policy document written as JSON in {@code documentJson}, through the authority. */
    static Tx issuePolicy(KeyPair issuer, String documentJson) {
        PolicyDocument document = ContractJson.read(documentJson.getBytes(StandardCharsets.UTF_8),
                PolicyDocument.class, "test policy");
        return new Tx(issuer, "authority", "issue-policy", new AuthorityCommand.IssuePolicy(document));
    }

    BlockResults block(Tx... txs) {
        List<Transaction> signed = new ArrayList<>();
        for (Tx tx : txs) {
            signed.add(Transaction.sign(tx.signer(), CHAIN_ID, nonce++, tx.contract(), tx.command(),
                    tx.payload() instanceof byte[] raw ? raw : ContractJson.write(tx.payload())));
        }
        height++;
        blockTimeMillis += 1_000;
        return host.execute(height, blockTimeMillis, signed);
    }

    long height() {
        return height;
    }

    ContractResult single(Tx tx) {
        return block(tx).forTransaction(0).result();
    }

    /** Root -> region /eu/fr -> sites /eu/fr/lyon (two) and /eu/fr/paris; a device installed in a Lyon ward. */
    ArbitrationHarness withAgentsAndDevice(String deviceId) {
        expectOk(single(new Tx(ROOT, "authority", "delegate",
                new AuthorityCommand.Delegate(REGION_FR.publicKey(), Rank.REGION, "/eu/fr", null))));
        for (KeyPair site : List.of(SITE_LYON_A, SITE_LYON_B)) {
            expectOk(single(new Tx(REGION_FR, "authority", "delegate",
                    new AuthorityCommand.Delegate(site.publicKey(), Rank.SITE, "/eu/fr/lyon", null))));
        }
        expectOk(single(new Tx(REGION_FR, "authority", "delegate",
                new AuthorityCommand.Delegate(SITE_PARIS.publicKey(), Rank.SITE, "/eu/fr/paris", null))));
        expectOk(single(new Tx(MAKER, "registry/" + deviceId, "register", new RegisterCommand(
                key("device").publicKey(), "meter", MAKER.publicKey(), OWNER.publicKey(), WARD))));
        expectOk(owner(deviceId, Declaration.COMMISSIONED, null));
        expectOk(owner(deviceId, Declaration.INSTALLED, WARD));
        return this;
    }

    ContractResult owner(String deviceId, Declaration declaration, String location) {
        return single(new Tx(OWNER, "registry/" + deviceId, "declare", new DeclareCommand(declaration, location,
                null)));
    }

    Legitimacy legitimacy(String deviceId) {
        return ContractJson.readTrusted(host.query(ContractAddress.of(RegistryContract.NAME, deviceId), "legitimacy",
                new byte[0]), Legitimacy.class);
    }

    ArbitrationQueries.StandingView standing(String deviceId) {
        return ContractJson.readTrusted(host.query(ContractAddress.of(ArbitrationContract.NAME, deviceId),
                "standing", new byte[0]), ArbitrationQueries.StandingView.class);
    }

    List<Settlement> outcomes(String deviceId, long sinceHeight) {
        return ContractJson.readTrusted(host.query(ContractAddress.of(ArbitrationContract.NAME, deviceId),
                "outcomes", ContractJson.write(new ArbitrationQueries.OutcomesSince(sinceHeight))),
                ArbitrationQueries.Outcomes.class).settlements();
    }

    static void expectOk(ContractResult result) {
        assertTrue(result.ok(), () -> "expected success, got " + result.code() + ": " + result.text());
    }
}
