package org.fogledger.ledger.contract.rules;

import java.util.List;
import java.util.Objects;

/**
 * A parsed expression. Every node remembers the column (1-based) where it starts in the expression's text, or for
 * an operator, where the operator is, so deploy-time and run-time errors point into the text.
 */
public sealed interface Expr {

    int column();

    /** The number of nodes: what evaluating it all once charges the step meter. */
    int size();

    /** The longest path from this node to a leaf, counting both ends. */
    int depth();

    record Literal(Value value, int column) implements Expr {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public int depth() {
            return 1;
        }
    }

    /** {@code scope.field}: {@code state.doses}, {@code param.doses}, {@code config.owner}, {@code ctx.sender}. */
    record Name(String scope, String field, int column) implements Expr {
        /** As written: {@code scope.field}, or the bare word when there was no scope. */
        public String text() {
            return scope.isEmpty() ? field : scope + "." + field;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public int depth() {
            return 1;
        }
    }

    record Not(Expr operand, int column) implements Expr {
        @Override
        public int size() {
            return 1 + operand.size();
        }

        @Override
        public int depth() {
            return 1 + operand.depth();
        }
    }

    record Negate(Expr operand, int column) implements Expr {
        @Override
        public int size() {
            return 1 + operand.size();
        }

        @Override
        public int depth() {
            return 1 + operand.depth();
        }
    }

    record Binary(Operator operator, Expr left, Expr right, int column) implements Expr {
        @Override
        public int size() {
            return 1 + left.size() + right.size();
        }

        @Override
        public int depth() {
            return 1 + Math.max(left.depth(), right.depth());
        }
    }

    record Call(String function, List<Expr> arguments, int column) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public int size() {
            return 1 + arguments.stream().mapToInt(Expr::size).sum();
        }

        @Override
        public int depth() {
            return 1 + arguments.stream().mapToInt(Expr::depth).max().orElse(0);
        }
    }
}
