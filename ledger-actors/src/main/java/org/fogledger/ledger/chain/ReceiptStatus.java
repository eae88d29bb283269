package org.fogledger.ledger.chain;

/**
 * Whether a committed transaction's execution succeeded. Either way it is committed (ordered, nonce used); a
 * failure's reason is the receipt's {@code resultCode}. Codes are part of the stored format: never renumber.
 */
public enum ReceiptStatus {
    COMMITTED_OK(0),
    FAILED(1);

    private final int code;

    ReceiptStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this code, or null for an unknown code (the decoder reports it with the offset). */
    public static ReceiptStatus fromCode(int code) {
        for (ReceiptStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}
