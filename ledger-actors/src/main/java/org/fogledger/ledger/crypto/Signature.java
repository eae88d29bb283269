package org.fogledger.ledger.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** A signature tagged with the scheme that made it. */
public final class Signature {
    private final SignatureScheme scheme;
    private final byte[] raw;

    private Signature(SignatureScheme scheme, byte[] raw) {
        this.scheme = scheme;
        this.raw = raw;
    }

    /** A signature from its raw bytes; the length must be the scheme's. */
    public static Signature of(SignatureScheme scheme, byte[] raw) {
        if (raw.length != scheme.signatureLength()) {
            throw new IllegalArgumentException(
                    scheme + " signature must be " + scheme.signatureLength() + " bytes, got " + raw.length);
        }
        return new Signature(scheme, raw.clone());
    }

    static Signature wrap(SignatureScheme scheme, byte[] raw) {
        return new Signature(scheme, raw);
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    /** A copy of the raw signature bytes, without the tag. */
    public byte[] raw() {
        return raw.clone();
    }

    byte[] rawUnsafe() {
        return raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature that && scheme == that.scheme && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return scheme + "-sig:" + HexFormat.of().formatHex(raw, 0, 8);
    }
}
