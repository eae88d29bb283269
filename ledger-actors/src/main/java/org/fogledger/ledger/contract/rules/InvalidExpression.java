package org.fogledger.ledger.contract.rules;

/**
 * An expression that does not parse or does not type-check: what is wrong, the column where it is, and a hint
 * (a name it may have meant) when there is one.
 */
public final class InvalidExpression extends RuntimeException {
    private final String problem;
    private final int column;
    private final String hint;
    private final boolean alreadyReported;

    public InvalidExpression(String problem, int column, String hint) {
        this(problem, column, hint, false);
    }

    private InvalidExpression(String problem, int column, String hint, boolean alreadyReported) {
        super(describe(problem, column, hint), null, false, false);
        this.problem = problem;
        this.column = column;
        this.hint = hint;
        this.alreadyReported = alreadyReported;
    }

    /**
     * The expression names a declaration that was itself wrong (a field with an unknown type, say). That error was
     * reported where the declaration is; repeating it at every use would bury it.
     */
    static InvalidExpression dependsOnBrokenDeclaration(String name, int column) {
        return new InvalidExpression("'" + name + "' is declared with an error", column, null, true);
    }

    public boolean alreadyReported() {
        return alreadyReported;
    }

    public InvalidExpression(String problem, int column) {
        this(problem, column, null);
    }

    public String problem() {
        return problem;
    }

    public int column() {
        return column;
    }

    /** Null when there is none. */
    public String hint() {
        return hint;
    }

    private static String describe(String problem, int column, String hint) {
        return problem + " at column " + column + (hint == null ? "" : " (" + hint + ")");
    }
}
