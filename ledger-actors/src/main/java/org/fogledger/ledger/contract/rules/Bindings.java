package org.fogledger.ledger.contract.rules;

/**
 * What the names stand for while an expression runs: {@code state.*}, {@code param.*}, {@code config.*} and
 * {@code ctx.*}.
 */
public interface Bindings {

    /** The value of {@code scope.field}; the type checker made sure it exists. */
    Value value(String scope, String field);
}
