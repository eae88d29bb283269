package org.fogledger.ledger.consensus;

/** Why a replica dropped something it received. Counted per reason; nothing dropped ever stops the replica. */
public enum DropReason {
    NOT_A_VALIDATOR,
    BAD_SIGNATURE,
    WRONG_LEADER,
    BAD_QUORUM_CERTIFICATE,
    BAD_TIMEOUT_CERTIFICATE,
    BAD_PARENT_LINK,
    UNJUSTIFIED_ROUND,
    STALE_ROUND,
    ROUND_TOO_FAR_AHEAD,
    BLOCK_TOO_LARGE,
    BAD_TRANSACTIONS_ROOT,
    BAD_TRANSACTION,
    DUPLICATE_TRANSACTION,
    TIMESTAMP_OUT_OF_RANGE,
    DUPLICATE_MESSAGE,
    EQUIVOCATION,
    UNSOLICITED_BLOCK,
    BUFFER_FULL,
    MALFORMED
}
