package org.fogledger.cluster.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Throw-away Ed25519 keys of a benchmark run, derived from the run's random seed, so that a validator started in
 * another JVM ({@link BenchValidatorMain}) gets its key from the seed and its index, without a key file.
 */
final class BenchKeys {
    private BenchKeys() {
    }

    static KeyPair validatorKey(byte[] seed, int index) {
        return derive(seed, "validator", index);
    }

    static KeyPair clientKey(byte[] seed, int index) {
        return derive(seed, "client", index);
    }

    private static KeyPair derive(byte[] seed, String role, int index) {
        byte[] secret = Sha256.hash(seed, role.getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(4).putInt(index).array()).bytes();
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, secret);
    }
}
