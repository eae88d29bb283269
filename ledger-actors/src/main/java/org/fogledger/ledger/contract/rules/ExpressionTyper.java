package org.fogledger.ledger.contract.rules;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * Gives every expression its type before it ever runs, against the names in scope ({@code state.doses} -> long),
 * so a deployed program cannot meet a type error, an unknown name or an unknown function at run time. The only
 * failures left for run time are arithmetic ones: overflow and division by zero.
 */
public final class ExpressionTyper {
    private final SortedMap<String, ValueType> names;
    private final Set<String> broken;

    /**
     * @param names  every name in scope, written {@code scope.field}, with its type
     * @param broken names that are declared but whose declaration is wrong (no type known)
     */
    public ExpressionTyper(SortedMap<String, ValueType> names, Set<String> broken) {
        this.names = names;
        this.broken = broken;
    }

    /** @throws InvalidExpression at the first node that does not type-check */
    public ValueType typeOf(Expr expr) {
        if (expr instanceof Expr.Literal literal) {
            return literal.value().valueType();
        }
        if (expr instanceof Expr.Name name) {
            ValueType type = names.get(name.text());
            if (type == null) {
                if (broken.contains(name.text())) {
                    throw InvalidExpression.dependsOnBrokenDeclaration(name.text(), name.column());
                }
                throw unknownName(name);
            }
            return type;
        }
        if (expr instanceof Expr.Not not) {
            require(not.operand(), ValueType.BOOLEAN, "'not'");
            return ValueType.BOOLEAN;
        }
        if (expr instanceof Expr.Negate negate) {
            require(negate.operand(), ValueType.LONG, "'-'");
            return ValueType.LONG;
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary);
        }
        return call((Expr.Call) expr);
    }

    private ValueType binary(Expr.Binary binary) {
        Operator operator = binary.operator();
        String what = "'" + operator.symbol() + "'";
        if (operator.isLogical()) {
            require(binary.left(), ValueType.BOOLEAN, what);
            require(binary.right(), ValueType.BOOLEAN, what);
            return ValueType.BOOLEAN;
        }
        if (operator.isEquality()) {
            ValueType left = typeOf(binary.left());
            ValueType right = typeOf(binary.right());
            if (left != right) {
                throw new InvalidExpression(what + " compares two values of one type, got " + left + " and "
                        + right, binary.column());
            }
            return ValueType.BOOLEAN;
        }
        require(binary.left(), ValueType.LONG, what);
        require(binary.right(), ValueType.LONG, what);
        return operator.isOrdering() ? ValueType.BOOLEAN : ValueType.LONG;
    }

    private ValueType call(Expr.Call call) {
        BuiltinFunction function = BuiltinFunction.named(call.function()).orElseThrow(() ->
                new InvalidExpression("unknown function '" + call.function() + "'", call.column(),
                        hint(call.function(), BuiltinFunction.names(), "functions: "
                                + String.join(", ", BuiltinFunction.names()))));
        List<ValueType> parameters = function.parameters();
        if (call.arguments().size() != parameters.size()) {
            throw new InvalidExpression(function.signature() + " takes " + parameters.size() + " argument"
                    + (parameters.size() == 1 ? "" : "s") + ", got " + call.arguments().size(), call.column());
        }
        for (int i = 0; i < parameters.size(); i++) {
            require(call.arguments().get(i), parameters.get(i), function.signature());
        }
        return function.result();
    }

    private void require(Expr operand, ValueType expected, String what) {
        ValueType actual = typeOf(operand);
        if (actual != expected) {
            throw new InvalidExpression(what + " needs a " + expected + ", got a " + actual, operand.column());
        }
    }

    private InvalidExpression unknownName(Expr.Name name) {
        String text = name.text();
        if (name.scope().isEmpty()) {
            // A bare word: most likely a field written without its scope.
            List<String> sameField = names.keySet().stream()
                    .filter(known -> known.substring(known.indexOf('.') + 1).equals(name.field())).toList();
            String hint = sameField.isEmpty() ? hint(text, names.keySet(), null)
                    : "did you mean '" + String.join("' or '", sameField) + "'?";
            return new InvalidExpression("unknown name '" + text + "'; names are written scope.field (state, param,"
                    + " config, ctx)", name.column(), hint);
        }
        List<String> scopes = List.of("state", "param", "config", "ctx");
        if (!scopes.contains(name.scope())) {
            return new InvalidExpression("unknown name '" + text + "': there is no scope '" + name.scope()
                    + "' (scopes: state, param, config, ctx)", name.column(), hint(text, names.keySet(), null));
        }
        return new InvalidExpression("unknown name '" + text + "'", name.column(), hint(text, names.keySet(),
                null));
    }

    private static String hint(String wanted, java.util.Collection<String> candidates, String otherwise) {
        String suggestion = Suggestions.didYouMean(wanted, candidates);
        return suggestion != null ? suggestion : otherwise;
    }
}
