package org.fogledger.ledger.consensus.simulation;

import java.util.Arrays;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/** Fixed keys, so a seed replays the same run byte for byte. */
final class TestKeys {
    private static final KeyPair[] VALIDATORS = new KeyPair[16];
    private static final KeyPair[] CLIENTS = new KeyPair[8];

    private TestKeys() {
    }

    static synchronized KeyPair validator(int index) {
        if (VALIDATORS[index] == null) {
            VALIDATORS[index] = fromByte(0x10 + index);
        }
        return VALIDATORS[index];
    }

    static synchronized KeyPair client(int index) {
        if (CLIENTS[index] == null) {
            CLIENTS[index] = fromByte(0x80 + index);
        }
        return CLIENTS[index];
    }

    static KeyPair outsider() {
        return fromByte(0xF0);
    }

    private static KeyPair fromByte(int value) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) value);
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
