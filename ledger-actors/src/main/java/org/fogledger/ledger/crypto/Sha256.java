package org.fogledger.ledger.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 over one or more byte ranges. */
public final class Sha256 {
    private Sha256() {
    }

    public static Hash hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static Hash hash(byte[] data, int offset, int length) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, offset, length);
        byte[] out = new byte[Hash.LENGTH];
        digest.doFinal(out, 0);
        return Hash.wrap(out);
    }

    /** The hash of the concatenation of the parts, without building the concatenation. */
    public static Hash hash(byte[]... parts) {
        SHA256Digest digest = new SHA256Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[Hash.LENGTH];
        digest.doFinal(out, 0);
        return Hash.wrap(out);
    }
}
