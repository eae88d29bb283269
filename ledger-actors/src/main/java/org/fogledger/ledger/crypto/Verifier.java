package org.fogledger.ledger.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/** Verifies tagged signatures. A signature whose scheme differs from the key's never verifies. */
public final class Verifier {
    private Verifier() {
    }

    public static boolean verify(PublicKey key, byte[] message, Signature signature) {
        if (key.scheme() != signature.scheme()) {
            return false;
        }
        return switch (key.scheme()) {
            case ED25519 -> Ed25519.verify(signature.rawUnsafe(), 0, key.rawUnsafe(), 0, message, 0, message.length);
            case ML_DSA_65 -> {
                MLDSASigner signer = new MLDSASigner();
                signer.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, key.rawUnsafe()));
                signer.update(message, 0, message.length);
                yield signer.verifySignature(signature.rawUnsafe());
            }
        };
    }
}
