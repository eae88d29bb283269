package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.fogledger.agents.AgentNode;
import org.fogledger.agents.agent.AgentDirectory;
import org.fogledger.agents.agent.AgentLedger;
import org.fogledger.agents.agent.DeviceAgent;
import org.fogledger.agents.agent.RegionAgent;
import org.fogledger.agents.agent.RootAgent;
import org.fogledger.agents.agent.SiteAgent;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;

/**
 * The agent role, as {@link AgentNode} runs it: the root agent singleton and the region, site and device agent
 * shards, on the journal every agent node of the cluster shares ({@code fogledger.storage}, owner
 * {@code fogledger.agents.storage-name}). Keys: {@code fogledger.agents.identities} (the agents this node can host,
 * the same list on every agent node), {@code chain-id} (optional, must be the genesis one),
 * {@code ledger-answer-timeout}.
 */
final class AgentRole implements NodeRole {
    private final AgentDirectory directory;
    private final String chainId;
    private final String storageName;
    private final StorageChoice storage;
    private final Duration answerTimeout;
    private LedgerClient client;

    private AgentRole(AgentDirectory directory, String chainId, String storageName, StorageChoice storage,
                      Duration answerTimeout) {
        this.directory = directory;
        this.chainId = chainId;
        this.storageName = storageName;
        this.storage = storage;
        this.answerTimeout = answerTimeout;
    }

    /** @param config the node file over every reference.conf, resolved */
    static AgentRole fromConfig(Config config, Genesis genesis) throws NodeConfigException {
        String chainId = config.hasPath("fogledger.agents.chain-id")
                ? config.getString("fogledger.agents.chain-id") : "";
        if (!chainId.isEmpty() && !chainId.equals(genesis.chainId())) {
            throw new NodeConfigException("fogledger.agents.chain-id = \"" + chainId
                    + "\" is not the genesis chain id \"" + genesis.chainId() + "\" (leave it empty to use the genesis one)");
        }
        if (!config.hasPath("fogledger.agents.identities") || config.getList("fogledger.agents.identities").isEmpty()) {
            throw new NodeConfigException("fogledger.agents.identities: missing or empty: list the agents this node "
                    + "can host ({ id, rank, jurisdiction, key-file }), the same list on every agent node");
        }
        AgentDirectory directory;
        try {
            directory = AgentDirectory.fromConfig(config);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new NodeConfigException("fogledger.agents.identities: " + e.getMessage(), e);
        }
        String storageName = NodeFileKeys.string(config, "fogledger.agents.storage-name");
        StorageChoice storage;
        try {
            storage = StorageChoice.fromConfig(config, storageName);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new NodeConfigException("fogledger.storage: " + e.getMessage(), e);
        }
        if (!(storage instanceof StorageChoice.Postgres)) {
            // An agent that moves to another node must find its events there: an H2 file is one process's.
            throw new NodeConfigException("fogledger.storage.kind: the agent role needs the journal every agent node "
                    + "shares, so \"postgres\" (an H2 file belongs to one process)");
        }
        Duration timeout = NodeFileKeys.duration(config, "fogledger.agents.ledger-answer-timeout",
                Duration.ofSeconds(30));
        return new AgentRole(directory, chainId.isEmpty() ? genesis.chainId() : chainId, storageName, storage, timeout);
    }

    @Override
    public NodeRoleName name() {
        return NodeRoleName.AGENT;
    }

    AgentDirectory directory() {
        return directory;
    }

    /** Creates the shared journal's tables if missing, and points the ActorSystem's journal at them. */
    @Override
    public Config systemConfig() {
        return JournalSettings.prepare(storageName, storage);
    }

    @Override
    public void start(NodeServices services) {
        // Agents wait for receipts, which come once a transaction commits: their own client, with their timeout.
        client = LedgerClient.create(services.system(), LedgerClientSettings.defaults().withAnswerTimeout(answerTimeout));
        AgentLedger ledger = AgentLedger.of(client, chainId);
        RootAgent.init(services.system(), directory, ledger);
        RegionAgent.init(services.system(), directory, ledger);
        SiteAgent.init(services.system(), directory, ledger);
        DeviceAgent.init(services.system());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
