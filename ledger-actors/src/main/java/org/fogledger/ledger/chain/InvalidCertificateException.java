package org.fogledger.ledger.chain;

/** A quorum certificate that does not prove what it claims; the message says why. */
public final class InvalidCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCertificateException(String reason) {
        super(reason);
    }
}
