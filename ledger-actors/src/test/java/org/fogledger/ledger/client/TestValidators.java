package org.fogledger.ledger.client;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;
import org.fogledger.ledger.validator.ValidatorSettings;

/** n validators as separate ActorSystems in this JVM, each with its own port and H2 journal under {@code dir}. */
final class TestValidators implements AutoCloseable {
    static final String CHAIN_ID = "fogledger-client-test";

    final Genesis genesis;
    final List<ValidatorNode> nodes = new ArrayList<>();

    TestValidators(int n, Path dir) {
        List<KeyPair> keys = new ArrayList<>();
        List<Genesis.Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) (0x30 + i));
            KeyPair key = KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
            keys.add(key);
            members.add(new Genesis.Member("v" + i, key.publicKey(), "127.0.0.1", freePort()));
        }
        genesis = new Genesis(CHAIN_ID, members);
        try {
            for (int i = 0; i < n; i++) {
                ValidatorSettings settings = ValidatorSettings.defaults(keys.get(i), genesis.validatorSet(), CHAIN_ID)
                        .withConsensus(ConsensusConfig.defaults(CHAIN_ID).withRoundTimeouts(500, 4_000, 50));
                String node = "v" + i;
                nodes.add(ValidatorNode.start(genesis, settings,
                        JournalSettings.prepare(node, new StorageChoice.H2(dir.resolve(node), 2)), ConfigFactory.empty()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
