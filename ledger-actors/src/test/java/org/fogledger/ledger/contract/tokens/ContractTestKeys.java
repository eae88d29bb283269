package org.fogledger.ledger.contract.tokens;

import java.util.Arrays;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;

/** Reproducible Ed25519 keys for contract tests: key {@code n} is always the same key. Test keys only. */
public final class ContractTestKeys {

    private ContractTestKeys() {
    }

    public static KeyPair key(int n) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) (n * 7 + 1));
        secret[0] = (byte) n;
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
