package org.fogledger.ledger.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.fogledger.ledger.contract.StepMeter;

/**
 * Random arithmetic, written out as text, parsed and evaluated, against exact arithmetic on BigInteger: the
 * language gives the exact result whenever every step fits in a long, and fails whenever one does not (or divides
 * by zero); it never wraps around. A success costs exactly one step per node.
 */
class ArithmeticProperties {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    sealed interface Term permits Number, Op {
    }

    record Number(long value) implements Term {
    }

    record Op(char operator, Term left, Term right) implements Term {
    }

    @Property(tries = 500)
    void the_language_computes_exactly_or_fails(@ForAll("terms") Term term) {
        String text = write(term);
        Expr expr = ExpressionParser.parse(text, ProgramLimits.DEFAULT.maxExpressionDepth());
        assertEquals(ValueType.LONG, new ExpressionTyper(new TreeMap<>(), Set.of()).typeOf(expr));
        Optional<BigInteger> exact = exact(term);
        StepMeter meter = new StepMeter(10_000);
        if (exact.isPresent()) {
            Statistics.label("outcome").collect("value");
            assertEquals(new Value.LongValue(exact.get().longValueExact()),
                    ExpressionEvaluator.evaluate(expr, (scope, field) -> null, meter), text);
            assertEquals(expr.size(), meter.used(), "one step per node");
        } else {
            Statistics.label("outcome").collect("failure");
            assertThrows(ArithmeticFailure.class, () -> ExpressionEvaluator.evaluate(expr, (s, f) -> null, meter),
                    text);
        }
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("value").percentage(p -> p > 20);
            coverage.check("failure").percentage(p -> p > 10);
        });
    }

    /** Java's long arithmetic, exactly: empty where a step leaves the long range or divides by zero. */
    private static Optional<BigInteger> exact(Term term) {
        if (term instanceof Number number) {
            return Optional.of(BigInteger.valueOf(number.value()));
        }
        Op op = (Op) term;
        Optional<BigInteger> left = exact(op.left());
        Optional<BigInteger> right = exact(op.right());
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        BigInteger a = left.get();
        BigInteger b = right.get();
        if ((op.operator() == '/' || op.operator() == '%') && b.signum() == 0) {
            return Optional.empty();
        }
        BigInteger result = switch (op.operator()) {
            case '+' -> a.add(b);
            case '-' -> a.subtract(b);
            case '*' -> a.multiply(b);
            case '/' -> a.divide(b);
            default -> a.remainder(b);
        };
        return result.compareTo(MIN) < 0 || result.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(result);
    }

    private static String write(Term term) {
        if (term instanceof Number number) {
            return Long.toString(number.value());
        }
        Op op = (Op) term;
        return "(" + write(op.left()) + " " + op.operator() + " " + write(op.right()) + ")";
    }

    @Provide
    Arbitrary<Term> terms() {
        return term(5);
    }

    private Arbitrary<Term> term(int depth) {
        Arbitrary<Term> number = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(-20, 20)),
                Tuple.of(2, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, 1L << 32, 3_037_000_500L)))
                .map(Number::new);
        if (depth == 0) {
            return number;
        }
        Arbitrary<Term> op = Combinators.combine(Arbitraries.of('+', '-', '*', '/', '%'), term(depth - 1),
                term(depth - 1)).as(Op::new);
        return Arbitraries.frequencyOf(Tuple.of(1, number), Tuple.of(2, op));
    }
}
