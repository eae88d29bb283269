package org.fogledger.cluster.fogctl;

/**
 * A failure fogctl reports as one line, {@code fogctl: <code>: <message>}, and an exit code from {@link ExitCode};
 * never a stack trace, because the reader is an operator, not a developer.
 */
public final class FogctlException extends RuntimeException {
    private final String code;
    private final int exitCode;

    public FogctlException(int exitCode, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.exitCode = exitCode;
    }

    public static FogctlException badInput(String message) {
        return new FogctlException(ExitCode.BAD_INPUT, "invalid-input", message);
    }

    public static FogctlException unreachable(String message) {
        return new FogctlException(ExitCode.UNREACHABLE, "unreachable", message);
    }

    public String code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The line printed on stderr. */
    public String line() {
        return "fogctl: " + code + ": " + getMessage();
    }
}
