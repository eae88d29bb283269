package org.fogledger.ledger.contract.rules;

import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Evaluates a type-checked expression. Deterministic: long arithmetic that fails on overflow instead of wrapping,
 * {@code and} / {@code or} that skip their right side when the left decides, no floating point. Every node it
 * evaluates charges one step, so the cost of a rule is the part of it that ran.
 */
public final class ExpressionEvaluator {

    private ExpressionEvaluator() {
    }

    /**
     * @throws ArithmeticFailure on overflow or division by zero
     * @throws org.fogledger.ledger.contract.StepBudgetExceeded when the meter runs out
     */
    public static Value evaluate(Expr expr, Bindings bindings, StepMeter meter) {
        meter.charge();
        if (expr instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (expr instanceof Expr.Name name) {
            return bindings.value(name.scope(), name.field());
        }
        if (expr instanceof Expr.Not not) {
            return Value.BooleanValue.of(!bool(evaluate(not.operand(), bindings, meter)));
        }
        if (expr instanceof Expr.Negate negate) {
            long operand = number(evaluate(negate.operand(), bindings, meter));
            if (operand == Long.MIN_VALUE) {
                throw new ArithmeticFailure("long overflow in '-'", negate.column());
            }
            return new Value.LongValue(-operand);
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary, bindings, meter);
        }
        Expr.Call call = (Expr.Call) expr;
        BuiltinFunction function = BuiltinFunction.named(call.function()).orElseThrow(() ->
                new IllegalStateException("unchecked call of '" + call.function() + "'"));
        List<Value> arguments = new ArrayList<>(call.arguments().size());
        for (Expr argument : call.arguments()) {
            arguments.add(evaluate(argument, bindings, meter));
        }
        return function.apply(arguments);
    }

    private static Value binary(Expr.Binary binary, Bindings bindings, StepMeter meter) {
        Operator operator = binary.operator();
        Value left = evaluate(binary.left(), bindings, meter);
        if (operator == Operator.AND && !bool(left)) {
            return Value.BooleanValue.FALSE;
        }
        if (operator == Operator.OR && bool(left)) {
            return Value.BooleanValue.TRUE;
        }
        Value right = evaluate(binary.right(), bindings, meter);
        switch (operator) {
            case AND:
            case OR:
                return right;
            case EQUAL:
                return Value.BooleanValue.of(left.equals(right));
            case NOT_EQUAL:
                return Value.BooleanValue.of(!left.equals(right));
            default:
                break;
        }
        long a = number(left);
        long b = number(right);
        try {
            return switch (operator) {
                case LESS -> Value.BooleanValue.of(a < b);
                case LESS_OR_EQUAL -> Value.BooleanValue.of(a <= b);
                case GREATER -> Value.BooleanValue.of(a > b);
                case GREATER_OR_EQUAL -> Value.BooleanValue.of(a >= b);
                case PLUS -> new Value.LongValue(Math.addExact(a, b));
                case MINUS -> new Value.LongValue(Math.subtractExact(a, b));
                case TIMES -> new Value.LongValue(Math.multiplyExact(a, b));
                case DIVIDE -> new Value.LongValue(divide(a, b, binary));
                case REMAINDER -> new Value.LongValue(remainder(a, b, binary));
                default -> throw new IllegalStateException("operator " + operator);
            };
        } catch (ArithmeticException overflow) {
            throw new ArithmeticFailure("long overflow in '" + operator.symbol() + "' (" + a + " "
                    + operator.symbol() + " " + b + ")", binary.column());
        }
    }

    /** Truncating division, as Java's; the one overflowing case (smallest long / -1) fails like the others. */
    private static long divide(long a, long b, Expr.Binary at) {
        if (b == 0) {
            throw new ArithmeticFailure("division by zero", at.column());
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException("overflow");
        }
        return a / b;
    }

    private static long remainder(long a, long b, Expr.Binary at) {
        if (b == 0) {
            throw new ArithmeticFailure("remainder of a division by zero", at.column());
        }
        return a % b;
    }

    private static boolean bool(Value value) {
        return ((Value.BooleanValue) value).value();
    }

    private static long number(Value value) {
        return ((Value.LongValue) value).value();
    }
}
