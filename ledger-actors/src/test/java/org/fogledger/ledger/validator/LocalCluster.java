package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * n validators as separate ActorSystems in this JVM, each with its own port and journal: the fixture of every
 * in-JVM cluster test (validators, client).
 */
public final class LocalCluster implements AutoCloseable {
    public static final String CHAIN_ID = "fogledger-cluster-test";

    public final Genesis genesis;
    public final List<KeyPair> keys = new ArrayList<>();
    public final List<ValidatorNode> nodes = new ArrayList<>();
    private final Function<String, Config> storage;
    private java.util.function.IntFunction<org.fogledger.ledger.contract.ContractCatalog> contracts =
            index -> org.fogledger.ledger.contract.BuiltInContracts.catalog(CHAIN_ID);
    private UnaryOperator<ConsensusConfig> consensus = config -> config;
    private Config nodeConfig = ConfigFactory.empty();

    /** n validators with H2 journals under {@code dir}, one folder each. */
    public static LocalCluster withH2(int n, java.nio.file.Path dir) {
        return new LocalCluster(n, node -> org.fogledger.ledger.storage.JournalSettings.prepare(node,
                new org.fogledger.ledger.storage.StorageChoice.H2(dir.resolve(node), 2)));
    }

    public LocalCluster(int n, Function<String, Config> storage) {
        this.storage = storage;
        for (int i = 0; i < n; i++) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) (0x60 + i));
            KeyPair key = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
            keys.add(key);
        }
        this.genesis = Genesis.onLoopback(CHAIN_ID, keys.stream().map(KeyPair::publicKey).toList());
    }

    /** The contracts validator {@code index} runs (the same for all, unless a test plants a difference). */
    public LocalCluster withContracts(java.util.function.IntFunction<org.fogledger.ledger.contract.ContractCatalog>
                                              contracts) {
        this.contracts = contracts;
        return this;
    }

    /** Consensus tuning on top of the fixture's quick rounds, for every node started from now on. */
    public LocalCluster withConsensus(UnaryOperator<ConsensusConfig> tuning) {
        this.consensus = tuning;
        return this;
    }

    /** Configuration layered over every node started from now on (for example its snapshot policy). */
    public LocalCluster withNodeConfig(Config config) {
        this.nodeConfig = config;
        return this;
    }

    public LocalCluster startAll() {
        try {
            for (int i = 0; i < keys.size(); i++) {
                nodes.add(start(i));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public ValidatorNode start(int index) {
        ValidatorSet set = genesis.validatorSet();
        ValidatorSettings settings = ValidatorSettings.defaults(keys.get(index), set, CHAIN_ID)
                .withConsensus(consensus.apply(ConsensusConfig.defaults(CHAIN_ID).withRoundTimeouts(500, 4_000, 50)))
                .withContracts(contracts.apply(index));
        return ValidatorNode.start(genesis, settings, storage.apply("v" + index), nodeConfig);
    }

    @Override
    public void close() {
        for (ValidatorNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
    }
}
