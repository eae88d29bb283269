package org.fogledger.ledger.contract.rules;

/** A run-time failure of an expression that type-checked: a long overflowed, or a division by zero. */
public final class ArithmeticFailure extends RuntimeException {
    private final int column;

    public ArithmeticFailure(String problem, int column) {
        super(problem + " at column " + column, null, false, false);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
