package org.fogledger.cluster.fogctl;

/**
 * fogctl's exit codes, one meaning each, so scripts can tell "the answer is no" from "the server said no" from
 * "fogctl could not ask". docs/FOGCTL.md carries the same table.
 */
public final class ExitCode {
    /** Done; for diff: no change; for audit verify: the proof is valid; for consent check: permit. */
    public static final int OK = 0;
    /** A negative answer, not an error: diff found changes, a proof is invalid, a consent check denies. */
    public static final int NO = 1;
    /** The server or the ledger refused: an API error or a transaction the contract refused. */
    public static final int REFUSED = 2;
    /** The server could not be reached or answered something that is not the API. */
    public static final int UNREACHABLE = 3;
    /** A local file is wrong: an apply file, a key file, a proof, a genesis file. Nothing was sent. */
    public static final int BAD_INPUT = 4;
    /** The command line is wrong (BSD sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** A bug in fogctl (BSD sysexits EX_SOFTWARE): please report it. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
