package org.fogledger.ledger.mempool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/** Senders and transactions for mempool tests. */
final class MempoolFixtures {
    static final String CHAIN = "fogledger-mempool-test";

    private static final Signature UNCHECKED = Signature.of(SignatureScheme.ED25519, new byte[64]);

    private MempoolFixtures() {
    }

    /**
     * A sender key that never signs: the mempool takes the signature check from its caller, so tests of its rules
     * need no cryptography and can build thousands of transactions quickly.
     */
    static PublicKey sender(int i) {
        return PublicKey.of(SignatureScheme.ED25519, Sha256.hash(bytes("sender-" + i)).bytes());
    }

    /** A transaction from {@code sender} with a placeholder signature. */
    static Transaction tx(PublicKey sender, long nonce) {
        return tx(sender, nonce, 8);
    }

    static Transaction tx(PublicKey sender, long nonce, int payloadBytes) {
        return tx(CHAIN, sender, nonce, payloadBytes, 0);
    }

    /** {@code variant} changes the payload, hence the hash, keeping sender and nonce. */
    static Transaction tx(String chainId, PublicKey sender, long nonce, int payloadBytes, int variant) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) variant);
        return new Transaction(chainId, sender, nonce, "registry", "touch", payload, UNCHECKED);
    }

    /** A real, deterministic signing key. */
    static KeyPair key(int i) {
        return KeyPair.fromPrivateKey(SignatureScheme.ED25519, Sha256.hash(bytes("mempool-key-" + i)).bytes());
    }

    static Transaction signed(KeyPair key, long nonce) {
        return Transaction.sign(key, CHAIN, nonce, "registry", "touch", bytes("reading " + nonce));
    }

    /** The same transaction with another payload and the original signature: it no longer verifies. */
    static Transaction tampered(Transaction tx) {
        return new Transaction(tx.chainId(), tx.sender(), tx.nonce(), tx.contract(), tx.command(),
                bytes("forged " + tx.nonce()), tx.signature());
    }

    static MempoolConfig config(int capacity, int maxPerSender) {
        return new MempoolConfig(CHAIN, capacity, maxPerSender, 1024);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
