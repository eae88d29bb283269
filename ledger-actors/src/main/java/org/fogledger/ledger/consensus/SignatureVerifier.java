package org.fogledger.ledger.consensus;

import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.Verifier;

/**
 * Checks signatures for the core. Injected so a host can put a cache or a parallel verifier in front of the
 * cryptography; the answer must be the same as {@link Verifier#verify}.
 */
@FunctionalInterface
public interface SignatureVerifier {

    boolean verify(PublicKey key, byte[] message, Signature signature);

    /** Verifies every call with the cryptography directly. */
    static SignatureVerifier direct() {
        return Verifier::verify;
    }
}
