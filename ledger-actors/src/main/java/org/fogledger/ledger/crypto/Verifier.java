package org.fogledger.ledger.crypto;

/**
 * Verifies tagged signatures. The answer is a plain boolean and never an exception: a signature whose scheme
 * differs from the key's, whose length is not the scheme's, or whose key is not a valid point simply does not
 * verify. Callers decide what a failed verification means (a refused transaction, a dropped vote).
 */
public final class Verifier {
    private Verifier() {
    }

    public static boolean verify(PublicKey key, byte[] message, Signature signature) {
        SignatureScheme scheme = key.scheme();
        if (scheme != signature.scheme()) {
            return false;
        }
        byte[] sig = signature.rawUnsafe();
        if (sig.length != scheme.signatureLength() || key.rawUnsafe().length != scheme.publicKeyLength()) {
            return false;
        }
        try {
            return key.verificationKey().verify(message, sig);
        } catch (RuntimeException e) {
            // Bouncy Castle rejects malformed input by returning false, but a consensus rule must not depend on
            // that holding in every version: a bad signature is a "no", never a crashed validator.
            return false;
        }
    }
}
