package org.fogledger.ledger.client.policy;

/**
 * A policy file that cannot be applied: malformed YAML or JSON, a field wrong or out of bounds, or rules that
 * contradict each other. The message starts with the line and column when they are known.
 */
public final class PolicyDocumentException extends IllegalArgumentException {
    private final int line;
    private final int column;

    public PolicyDocumentException(String message, int line, int column) {
        super(line > 0 ? "line " + line + ", column " + column + ": " + message : message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the fault, or 0 when it is not tied to one place. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
