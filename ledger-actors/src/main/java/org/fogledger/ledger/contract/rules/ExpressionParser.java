package org.fogledger.ledger.contract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fogledger.ledger.contract.rules.ExpressionLexer.Kind;
import org.fogledger.ledger.contract.rules.ExpressionLexer.Token;

/**
 * A recursive-descent parser for the expression language, loosest binding first:
 *
 * <pre>
 * expression     = or
 * or             = and { "or" and }
 * and            = not { "and" not }
 * not            = "not" not | comparison
 * comparison     = additive [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") additive ]
 * additive       = multiplicative { ("+" | "-") multiplicative }
 * multiplicative = unary { ("*" | "/" | "%") unary }
 * unary          = "-" unary | primary
 * primary        = NUMBER | STRING | "true" | "false" | scope "." field | function "(" [ or { "," or } ] ")"
 *                | "(" or ")"
 * </pre>
 *
 * Binary operators associate to the left; comparisons do not chain. Nesting is bounded while parsing, so hostile
 * text cannot exhaust the stack, and the tree's depth is bounded after, so evaluating it cannot either.
 */
public final class ExpressionParser {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "true", "false");

    private final List<Token> tokens;
    private final int maxDepth;
    private int position;
    private int nesting;

    private ExpressionParser(List<Token> tokens, int maxDepth) {
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses {@code text}; its tree may be at most {@code maxDepth} nodes deep.
     *
     * @throws InvalidExpression naming the column of the first thing wrong
     */
    public static Expr parse(String text, int maxDepth) {
        ExpressionParser parser = new ExpressionParser(ExpressionLexer.tokens(text), maxDepth);
        if (parser.peek().kind() == Kind.END) {
            throw new InvalidExpression("the expression is empty", 1);
        }
        Expr expr = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new InvalidExpression("unexpected " + rest.describe() + " after a complete expression",
                    rest.column());
        }
        if (expr.depth() > maxDepth) {
            throw new InvalidExpression("the expression is " + expr.depth() + " levels deep; the limit is "
                    + maxDepth, 1);
        }
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (peek().is("or")) {
            Token op = next();
            left = new Expr.Binary(Operator.OR, left, and(), op.column());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().is("and")) {
            Token op = next();
            left = new Expr.Binary(Operator.AND, left, not(), op.column());
        }
        return left;
    }

    private Expr not() {
        if (peek().is("not")) {
            Token op = next();
            enter(op);
            Expr operand = not();
            nesting--;
            return new Expr.Not(operand, op.column());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Operator operator = comparisonOperator(peek());
        if (operator == null) {
            return left;
        }
        Token op = next();
        Expr right = additive();
        if (comparisonOperator(peek()) != null) {
            throw new InvalidExpression("comparisons do not chain; combine them with 'and'", peek().column());
        }
        return new Expr.Binary(operator, left, right, op.column());
    }

    private static Operator comparisonOperator(Token token) {
        if (token.kind() != Kind.SYMBOL) {
            return null;
        }
        return switch (token.text()) {
            case "==" -> Operator.EQUAL;
            case "!=" -> Operator.NOT_EQUAL;
            case "<" -> Operator.LESS;
            case "<=" -> Operator.LESS_OR_EQUAL;
            case ">" -> Operator.GREATER;
            case ">=" -> Operator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = new Expr.Binary(op.is("+") ? Operator.PLUS : Operator.MINUS, left, multiplicative(),
                    op.column());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = next();
            Operator operator = op.is("*") ? Operator.TIMES : op.is("/") ? Operator.DIVIDE : Operator.REMAINDER;
            left = new Expr.Binary(operator, left, unary(), op.column());
        }
        return left;
    }

    private Expr unary() {
        if (peek().is("-")) {
            Token minus = next();
            if (peek().kind() == Kind.NUMBER) {
                // Folded into the literal, so the smallest long can be written.
                return new Expr.Literal(new Value.LongValue(number("-" + next().text(), minus.column())),
                        minus.column());
            }
            enter(minus);
            Expr operand = unary();
            nesting--;
            return new Expr.Negate(operand, minus.column());
        }
        return primary();
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                return new Expr.Literal(new Value.LongValue(number(token.text(), token.column())), token.column());
            case STRING:
                return new Expr.Literal(new Value.StringValue(token.text()), token.column());
            case IDENTIFIER:
                return identifier(token);
            case SYMBOL:
                if (token.is("(")) {
                    enter(token);
                    Expr inner = or();
                    expect(")", "to close the '(' at column " + token.column());
                    nesting--;
                    return inner;
                }
                break;
            default:
                break;
        }
        throw new InvalidExpression("expected a value, a name or '(' but found " + token.describe(),
                token.column());
    }

    private Expr identifier(Token token) {
        String word = token.text();
        if (word.equals("true") || word.equals("false")) {
            return new Expr.Literal(Value.BooleanValue.of(word.equals("true")), token.column());
        }
        if (KEYWORDS.contains(word)) {
            throw new InvalidExpression("expected a value but found the operator '" + word + "'", token.column());
        }
        if (peek().is(".")) {
            next();
            Token field = next();
            if (field.kind() != Kind.IDENTIFIER) {
                throw new InvalidExpression("expected a field name after '" + word + ".' but found "
                        + field.describe(), field.column());
            }
            return new Expr.Name(word, field.text(), token.column());
        }
        if (peek().is("(")) {
            Token open = next();
            enter(open);
            List<Expr> arguments = new ArrayList<>();
            if (!peek().is(")")) {
                arguments.add(or());
                while (peek().is(",")) {
                    next();
                    arguments.add(or());
                }
            }
            expect(")", "to close the call of '" + word + "' at column " + token.column());
            nesting--;
            return new Expr.Call(word, arguments, token.column());
        }
        // A bare word: the checker reports it as an unknown name, with the scoped name it may have meant.
        return new Expr.Name("", word, token.column());
    }

    private void enter(Token token) {
        if (++nesting > maxDepth) {
            throw new InvalidExpression("the expression nests deeper than the limit of " + maxDepth,
                    token.column());
        }
    }

    private static long number(String text, int column) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidExpression("the number " + text + " does not fit in a long (" + Long.MIN_VALUE
                    + " to " + Long.MAX_VALUE + ")", column);
        }
    }

    private void expect(String symbol, String why) {
        Token token = next();
        if (!token.is(symbol)) {
            throw new InvalidExpression("expected '" + symbol + "' " + why + " but found " + token.describe(),
                    token.column());
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }
}
