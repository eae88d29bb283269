package org.fogledger.ledger.contract.policy;

/** The bounds on policy documents and on what the policy contract lists, so no document or query grows unbounded. */
public final class PolicyLimits {
    /** Entries in one list of a document (purposes, recipients). */
    public static final int MAX_LIST_ENTRIES = 64;
    /** Characters of one purpose code or recipient id. */
    public static final int MAX_CODE_LENGTH = 128;
    /** The highest failed-authentication threshold. */
    public static final int MAX_FAILED_AUTHENTICATIONS = 1_000;
    /** The highest telemetry rate, in messages per minute per device. */
    public static final int MAX_MESSAGES_PER_MINUTE = 1_000_000;
    /** The largest quorum of equal-rank agents a policy may demand. */
    public static final int MAX_QUORUM = 16;
    /** Version entries kept per (scope, rank), newest last; older entries are dropped from the history. */
    public static final int MAX_HISTORY = 64;
    /** Policies listed by query {@code policies}. */
    public static final int MAX_LISTED = 256;

    private PolicyLimits() {
    }
}
