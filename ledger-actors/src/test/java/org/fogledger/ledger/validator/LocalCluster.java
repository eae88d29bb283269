package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/** n validators as separate ActorSystems in this JVM, each with its own port and journal. */
final class LocalCluster implements AutoCloseable {
    static final String CHAIN_ID = "fogledger-cluster-test";

    final Genesis genesis;
    final List<KeyPair> keys = new ArrayList<>();
    final List<ValidatorNode> nodes = new ArrayList<>();
    private final Function<String, Config> storage;

    LocalCluster(int n, Function<String, Config> storage) {
        this.storage = storage;
        List<Genesis.Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) (0x60 + i));
            KeyPair key = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
            keys.add(key);
            members.add(new Genesis.Member("v" + i, key.publicKey(), "127.0.0.1", freePort()));
        }
        this.genesis = new Genesis(CHAIN_ID, members);
    }

    LocalCluster startAll() {
        for (int i = 0; i < keys.size(); i++) {
            nodes.add(start(i));
        }
        return this;
    }

    ValidatorNode start(int index) {
        ValidatorSet set = genesis.validatorSet();
        ValidatorSettings settings = ValidatorSettings.defaults(keys.get(index), set, CHAIN_ID)
                .withConsensus(ConsensusConfig.defaults(CHAIN_ID).withRoundTimeouts(500, 4_000, 50));
        return ValidatorNode.start(genesis, settings, storage.apply("v" + index), ConfigFactory.empty());
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
