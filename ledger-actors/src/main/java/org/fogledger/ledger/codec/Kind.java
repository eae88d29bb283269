package org.fogledger.ledger.codec;

/**
 * What an encoding holds: the second byte of every canonical encoding, after the version byte. A decoder checks it
 * so that bytes of one kind can never be decoded, by mistake or by malice, as another kind.
 *
 * <p>Codes are part of the stored and signed format: never renumber or reuse one.
 */
public enum Kind {
    TRANSACTION(1),
    BLOCK_HEADER(2),
    BLOCK(3),
    QUORUM_CERTIFICATE(4),
    RECEIPT(5),
    STORED_EVENT(6),
    MERKLE_PROOF(7),
    VALIDATOR_SET(8),
    /** The body a validator signs when it votes for a block (see {@code QuorumCertificate.voteSigningBytes}). */
    VOTE(9),
    /** Reserved for the consensus core's timeout messages. */
    TIMEOUT(10),
    /** Reserved for the consensus core's proposals. */
    PROPOSAL(11),
    /** The execution results of one block, whose hash travels in the next header. */
    RESULTS(12),
    /** What one contract execution produced: a leaf of a block's results tree. */
    EXECUTION_RECORD(13),
    /**
     * A block's execution results as a validator stores and serves them (records and the previous results hash;
     * {@code contract.BlockResults.encode}). Not hashed or signed: its records and roots are.
     */
    BLOCK_RESULTS(14),
    /**
     * A trace record (contract.trace): one act on personal data, a leaf of a gateway's anchored batch. Codes from
     * 64 up were taken by the trace encodings before they had a Kind; the bytes are the same.
     */
    TRACE_RECORD(64),
    /** An offline audit proof of a trace record (contract.trace). */
    AUDIT_PROOF(65);

    private final int code;

    Kind(int code) {
        this.code = code;
    }

    /** The byte written after the version byte. */
    public int code() {
        return code;
    }

    /** The kind with this code, or null: the reader turns null into an error that names the field and offset. */
    public static Kind fromCode(int code) {
        for (Kind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
