package org.fogledger.agents;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.Genesis;
import org.junit.jupiter.api.Test;

/** An agent node refuses a configuration it cannot run with, before it touches a database or a network. */
class AgentNodeConfigTest {
    private static final Genesis GENESIS = Genesis.onLoopback("agents-config-test",
            List.of(KeyPair.generate().publicKey()));

    @Test
    void withoutAGenesisThereAreNoSeedNodes() {
        var e = assertThrows(IllegalArgumentException.class, () -> AgentNode.start(ConfigFactory.parseString(
                "fogledger.agents.node.name = lost")));
        assertTrue(e.getMessage().contains("lost") && e.getMessage().contains("fogledger.genesis"), e.getMessage());
    }

    @Test
    void aChainIdOtherThanTheGenesisOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> AgentNode.start(ConfigFactory.parseString(
                GENESIS.toHocon() + "\nfogledger.agents.chain-id = other-chain")));
        assertTrue(e.getMessage().contains("other-chain") && e.getMessage().contains("agents-config-test"),
                e.getMessage());
    }

    @Test
    void anIdentityWithoutAKeyFileIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> AgentNode.start(ConfigFactory.parseString(
                GENESIS.toHocon() + "\nfogledger.agents.identities = [{ id = region-eu, rank = region,"
                        + " jurisdiction = \"/eu\" }]")));
        assertTrue(e.getMessage().contains("identities[0]") && e.getMessage().contains("key-file"),
                e.getMessage());
    }
}
