package org.fogledger.cluster.node;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.validator.Genesis;

/**
 * What a running node offers its roles: the ActorSystem, the genesis, and one {@link LedgerClient} shared by the
 * roles that talk to the ledger (created on first use, closed when the node stops).
 */
public final class NodeServices implements AutoCloseable {
    private final String nodeName;
    private final ActorSystem<Void> system;
    private final Genesis genesis;
    private final LedgerClientSettings clientSettings;
    private LedgerClient client;

    NodeServices(String nodeName, ActorSystem<Void> system, Genesis genesis, LedgerClientSettings clientSettings) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.system = Objects.requireNonNull(system, "system");
        this.genesis = Objects.requireNonNull(genesis, "genesis");
        this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
    }

    public String nodeName() {
        return nodeName;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public Genesis genesis() {
        return genesis;
    }

    /** The node's ledger client; the same one for every role. */
    public synchronized LedgerClient ledgerClient() {
        if (client == null) {
            client = LedgerClient.create(system, clientSettings);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
