package org.fogledger.ledger.contract.rules;

/** The binary operators of the expression language, loosest-binding first within {@link Expr.Binary}. */
public enum Operator {
    OR("or"),
    AND("and"),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    PLUS("+"),
    MINUS("-"),
    TIMES("*"),
    DIVIDE("/"),
    REMAINDER("%");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    boolean isLogical() {
        return this == OR || this == AND;
    }

    boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    boolean isOrdering() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    boolean isArithmetic() {
        return this == PLUS || this == MINUS || this == TIMES || this == DIVIDE || this == REMAINDER;
    }
}
