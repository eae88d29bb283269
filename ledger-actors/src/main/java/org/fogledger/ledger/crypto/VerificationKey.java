package org.fogledger.ledger.crypto;

import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A public key parsed once into the form its verifier works on, so that a key verifying many signatures (a
 * validator's, a busy client's) does not decode its point or split its ML-DSA encoding every time.
 * {@link PublicKey} holds one lazily; it is immutable and safe to share.
 */
sealed interface VerificationKey {

    /** Whether {@code signature} (already checked to be of this key's scheme and length) signs {@code message}. */
    boolean verify(byte[] message, byte[] signature);

    static VerificationKey parse(SignatureScheme scheme, byte[] raw) {
        return switch (scheme) {
            case ED25519 -> {
                // The "partial" export runs exactly the key checks of BC's byte-array verify (canonical encoding,
                // not a small-order point, decodes), so the cached path accepts exactly what the uncached one
                // does. The "full" export adds a prime-order-subgroup check: stricter on crafted mixed-order
                // keys, and a scalar multiplication that doubled the cost of a key's first verification.
                Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(raw, 0);
                yield point == null ? Rejecting.INSTANCE : new Ed25519Point(point);
            }
            case ML_DSA_65 -> new MlDsa65(new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, raw));
        };
    }

    /** An Ed25519 key whose point is decoded and validated. */
    record Ed25519Point(Ed25519.PublicPoint point) implements VerificationKey {
        @Override
        public boolean verify(byte[] message, byte[] signature) {
            return Ed25519.verify(signature, 0, point, message, 0, message.length);
        }
    }

    /** An ML-DSA-65 key split into its parts (rho, t1). */
    record MlDsa65(MLDSAPublicKeyParameters parameters) implements VerificationKey {
        @Override
        public boolean verify(byte[] message, byte[] signature) {
            // A signer holds per-message state, so each verification takes a fresh one; only the key is shared.
            MLDSASigner signer = new MLDSASigner();
            signer.init(false, parameters);
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        }
    }

    /** A key that cannot verify anything: its bytes are not a usable point. */
    enum Rejecting implements VerificationKey {
        INSTANCE;

        @Override
        public boolean verify(byte[] message, byte[] signature) {
            return false;
        }
    }
}
