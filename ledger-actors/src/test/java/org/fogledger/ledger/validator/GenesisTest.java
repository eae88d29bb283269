package org.fogledger.ledger.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.Test;

class GenesisTest {

    private static PublicKey key(int seed) {
        byte[] secret = new byte[32];
        secret[0] = (byte) seed;
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret).publicKey();
    }

    @Test
    void mintersAndRootOperatorsSurviveTheFileAndReachTheContracts() {
        Genesis onLoopback = Genesis.onLoopback("genesis-test", List.of(key(1), key(2), key(3), key(4)));
        Genesis genesis = new Genesis(onLoopback.chainId(), onLoopback.validators(), List.of(key(7)),
                List.of(key(8), key(9)));

        Genesis read = Genesis.fromConfig(ConfigFactory.parseString(genesis.toHocon()));

        assertEquals(genesis, read);
        ContractCatalog contracts = read.contracts();
        for (String name : List.of("registry", "consent", "trace", "tokens", "authority", "policy", "arbitration",
                "sharing", "deploy")) {
            assertTrue(contracts.contains(name), name);
        }
    }

    @Test
    void aKeyThatDoesNotParseIsNamedByItsPlace() {
        String file = Genesis.onLoopback("genesis-test", List.of(key(1), key(2), key(3), key(4))).toHocon()
                .replace("  ]\n}", "  ]\n  root-operators = [\"01ab\"]\n}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Genesis.fromConfig(ConfigFactory.parseString(file)));
        assertTrue(error.getMessage().startsWith("genesis: root-operators[0]: "), error.getMessage());
    }
}
