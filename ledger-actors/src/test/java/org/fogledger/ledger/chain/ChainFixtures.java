package org.fogledger.ledger.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * Fixed keys and values for chain tests. Keys come from fixed seeds, and Ed25519 (RFC 8032) and ML-DSA (FIPS 204
 * deterministic) signing are deterministic, so everything built here is the same on every run: golden vectors
 * depend on it.
 */
public final class ChainFixtures {
    public static final String CHAIN_ID = "fogledger-test";

    private static final KeyPair[] ED25519 = new KeyPair[8];
    private static KeyPair mlDsa;

    private ChainFixtures() {
    }

    /** The 32-byte seed of test key {@code i}: SHA-256 of "fogledger-test-key-i". */
    public static byte[] seed(int i) {
        return Sha256.hash(("fogledger-test-key-" + i).getBytes(StandardCharsets.US_ASCII)).bytes();
    }

    /** Ed25519 test key {@code i} (0..7), from {@link #seed(int)}. */
    public static synchronized KeyPair key(int i) {
        if (ED25519[i] == null) {
            ED25519[i] = KeyPair.fromPrivateKey(SignatureScheme.ED25519, seed(i));
        }
        return ED25519[i];
    }

    /** One ML-DSA-65 test key (slow to derive, so shared). */
    public static synchronized KeyPair mlDsaKey() {
        if (mlDsa == null) {
            mlDsa = KeyPair.fromPrivateKey(SignatureScheme.ML_DSA_65, seed(100));
        }
        return mlDsa;
    }

    /** Test keys 0..n-1. */
    public static List<KeyPair> keys(int n) {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    /** A validator set of test keys 0..n-1, in that order. */
    public static ValidatorSet validators(int n) {
        List<PublicKey> members = new ArrayList<>();
        for (KeyPair key : keys(n)) {
            members.add(key.publicKey());
        }
        return new ValidatorSet(members);
    }

    /** A deterministic hash named by a label. */
    public static Hash hashOf(String label) {
        return Sha256.hash(label.getBytes(StandardCharsets.UTF_8));
    }

    /** Transaction {@code nonce} from test key {@code signer} to the registry contract. */
    public static Transaction transaction(int signer, long nonce) {
        return Transaction.sign(key(signer), CHAIN_ID, nonce, "registry", "register",
                ("device-" + nonce).getBytes(StandardCharsets.UTF_8));
    }

    /** A block at height 1 on top of the genesis block, with {@code count} transactions. */
    public static Block block(int count) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(transaction(i % 4, i));
        }
        Block genesis = Block.genesis(CHAIN_ID);
        return Block.create(1, 1, genesis.hash(), new ExecutedResults(0, hashOf("results-0")), key(1).publicKey(), 1_700_000_000_000L, txs);
    }

    /** A certificate for {@code block} signed by test keys 0..signers-1. */
    public static QuorumCertificate certificate(Block block, int signers) {
        List<ValidatorSignature> votes = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            votes.add(QuorumCertificate.signVote(key(i), block.hash(), block.round(), block.height()));
        }
        return new QuorumCertificate(block.hash(), block.round(), block.height(), votes);
    }
}
