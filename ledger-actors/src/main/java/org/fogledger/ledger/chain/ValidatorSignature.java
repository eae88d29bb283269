package org.fogledger.ledger.chain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/** One validator's signature in a certificate. */
public record ValidatorSignature(PublicKey signer, Signature signature) {
    /**
     * Canonical order of signatures in a certificate: by the signer's tagged encoding, unsigned bytewise. A fixed
     * order gives one encoding (and one hash) per set of signatures, and makes duplicates adjacent.
     */
    public static final Comparator<ValidatorSignature> BY_SIGNER =
            (a, b) -> compareSigners(a.signer, b.signer);

    public ValidatorSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
    }

    static int compareSigners(PublicKey a, PublicKey b) {
        return Arrays.compareUnsigned(a.encoded(), b.encoded());
    }
}
