package org.fogledger.ledger.consensus.simulation;

import java.util.HashMap;
import java.util.Map;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Sha256;
import org.fogledger.ledger.crypto.Signature;

/**
 * Remembers verification answers by (key, message, signature), so the same vote delivered to every replica of a run
 * costs one real verification. The answer is always the real one: nothing is assumed valid.
 */
final class CachingVerifier implements SignatureVerifier {
    private final SignatureVerifier delegate;
    private final Map<Hash, Boolean> answers = new HashMap<>();

    CachingVerifier(SignatureVerifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean verify(PublicKey key, byte[] message, Signature signature) {
        if (key == null || message == null || signature == null) {
            return false;
        }
        Hash id = Sha256.hash(key.encoded(), Sha256.hash(message).bytes(), signature.raw());
        Boolean known = answers.get(id);
        if (known == null) {
            known = delegate.verify(key, message, signature);
            answers.put(id, known);
        }
        return known;
    }
}
