package org.fogledger.ledger.contract.policy;

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
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The authority (one root operator over the whole hierarchy), the policy contract, a forwarding stand-in for the
 * registry's vet-decision hop and a recorder in the arbitration contract's place, in one in-memory host; one signed
 * transaction per block. Keys are derived from names, so runs repeat.
 */
final class PolicyHarness {
    static final String CHAIN_ID = "policy-test";
    static final KeyPair ROOT = key("root");
    static final KeyPair REGION_FR = key("region-fr");
    static final KeyPair REGION_FR_2 = key("region-fr-2");
    static final KeyPair SITE_LYON = key("site-lyon");
    static final KeyPair DEVICE_AGENT = key("device-agent");
    static final KeyPair STRANGER = key("stranger");

    private final InMemoryContractHost host;
    private long height;
    private long nonce;
    private long blockTimeMillis = 1_000_000;

    PolicyHarness() {
        this(PolicyNarrowing.INSTANCE);
    }

    PolicyHarness(NarrowingCheck narrowing) {
        host = new InMemoryContractHost(ContractCatalog.of(
                new AuthorityContract(Map.of(ROOT.publicKey(), DevicePath.ROOT)), new PolicyContract(narrowing),
                new ForwardingContract("registry"), new ForwardingContract("impostor"), new SettleRecorder()),
                ExecutionLimits.DEFAULT);
    }

    static KeyPair key(String name) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519,
                Sha256.hash(("policy-test/" + name).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    BlockResults block(KeyPair signer, String contract, String command, Object payload) {
        Transaction tx = Transaction.sign(signer, CHAIN_ID, nonce++, contract, command, ContractJson.write(payload));
        height++;
        blockTimeMillis += 1_000;
        return host.execute(height, blockTimeMillis, List.of(tx));
    }

    /** Root -> region /eu/fr (two agents) -> site /eu/fr/lyon -> device agent /eu/fr/lyon/ward-3. */
    PolicyHarness rootRegionSite() {
        expectOk(delegate(ROOT, REGION_FR, Rank.REGION, "/eu/fr"));
        expectOk(delegate(ROOT, REGION_FR_2, Rank.REGION, "/eu/fr"));
        expectOk(delegate(REGION_FR, SITE_LYON, Rank.SITE, "/eu/fr/lyon"));
        expectOk(delegate(SITE_LYON, DEVICE_AGENT, Rank.DEVICE, "/eu/fr/lyon/ward-3"));
        return this;
    }

    ContractResult delegate(KeyPair delegator, KeyPair agent, Rank rank, String jurisdiction) {
        return block(delegator, "authority", "delegate",
                new AuthorityCommand.Delegate(agent.publicKey(), rank, jurisdiction, null)).forTransaction(0).result();
    }

    /** The agent's issued policy: the authority's result, and the policy contract's if the authority relayed it. */
    record Issued(ContractResult authority, ContractResult policy) {
    }

    Issued issue(KeyPair agent, PolicyDocument document) {
        BlockResults results = block(agent, "authority", "issue-policy", new AuthorityCommand.IssuePolicy(document));
        ContractResult authority = results.forTransaction(0).result();
        if (results.records().size() > 1) {
            assertEquals("policy/_", results.records().get(1).address());
            assertEquals("apply", results.records().get(1).command());
        }
        return new Issued(authority, results.records().size() > 1 ? results.records().get(1).result() : null);
    }

    /** Issues {@code document} and expects the policy contract to commit it. */
    void committed(KeyPair agent, Policies document) {
        Issued issued = issue(agent, document.document());
        expectOk(issued.authority());
        expectOk(issued.policy());
    }

    /** A command sent to the policy contract through {@code via} (a forwarding contract), and every record after. */
    List<ExecutionRecord> forward(KeyPair signer, String via, String command, Object payload) {
        BlockResults results = block(signer, via, "forward", new ForwardingContract.Forward("policy", command,
                new String(ContractJson.write(payload), StandardCharsets.UTF_8)));
        expectOk(results.forTransaction(0).result());
        return results.records().subList(1, results.records().size());
    }

    EffectivePolicy effective(String path) {
        return ContractJson.readTrusted(host.query(PolicyContract.ADDRESS, "effective",
                ContractJson.write(new PolicyCommand.EffectiveAt(path))), EffectivePolicy.class);
    }

    byte[] query(String name, Object argument) {
        return host.query(PolicyContract.ADDRESS, name, ContractJson.write(argument));
    }

    PolicyState state() {
        return (PolicyState) host.state(PolicyContract.ADDRESS);
    }

    SettleRecorder.Received arbitration(String deviceId) {
        return (SettleRecorder.Received) host.state(ContractAddress.of(PolicyContract.ARBITRATION_CONTRACT, deviceId));
    }

    static void expectOk(ContractResult result) {
        assertTrue(result != null && result.ok(), () -> "expected success, got " + result);
    }

    static void expectRefused(ContractResult result, String code, String text) {
        assertEquals(code, result.code(), result::text);
        assertEquals(text, result.text());
    }
}
