package org.fogledger.ledger.contract.rules;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.StepBudgetExceeded;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression language: what parses, what it means, what it costs and how it fails. */
class ExpressionLanguageTest {
    static final PublicKey OWNER = key(40).publicKey();
    static final PublicKey OTHER = key(41).publicKey();
    static final Map<String, Value> VALUES = Map.of(
            "state.doses", new Value.LongValue(3),
            "state.pending", Value.BooleanValue.FALSE,
            "config.owner", new Value.KeyValue(OWNER),
            "config.escrow", new Value.StringValue("wm-1"),
            "ctx.sender", new Value.KeyValue(OTHER));

    static SortedMap<String, ValueType> names() {
        SortedMap<String, ValueType> names = new TreeMap<>();
        VALUES.forEach((name, value) -> names.put(name, value.valueType()));
        return names;
    }

    static Value eval(String text) {
        return eval(text, new StepMeter(10_000));
    }

    static Value eval(String text, StepMeter meter) {
        Expr expr = ExpressionParser.parse(text, ProgramLimits.DEFAULT.maxExpressionDepth());
        new ExpressionTyper(names(), Set.of()).typeOf(expr);
        return ExpressionEvaluator.evaluate(expr, (scope, field) -> VALUES.get(scope + "." + field), meter);
    }

    static InvalidExpression invalid(String text) {
        return assertThrows(InvalidExpression.class, () -> eval(text));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1 + 2 * 3                         | 7",
            "(1 + 2) * 3                       | 9",
            "10 - 3 - 2                        | 5",
            "7 / 2                             | 3",
            "-7 / 2                            | -3",
            "-7 % 3                            | -1",
            "- (2 * 3)                         | -6",
            "-9223372036854775808              | -9223372036854775808",
            "state.doses * 2 - 1               | 5"})
    void arithmetic_on_longs(String text, long expected) {
        assertEquals(new Value.LongValue(expected), eval(text));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "true or false and false                     | true",
            "not true or true                            | true",
            "not (true or true)                          | false",
            "state.doses < 2 or state.doses >= 3         | true",
            "state.doses != 3                            | false",
            "'wm-1' == config.escrow                     | true",
            "'it\\'s' == 'it\\'s'                        | true",
            "ctx.sender == config.owner                  | false",
            "ctx.sender != config.owner and not state.pending | true",
            "account(config.owner) == account(config.owner) | true"})
    void logic_comparisons_and_equality(String text, boolean expected) {
        assertEquals(Value.BooleanValue.of(expected), eval(text));
    }

    @Test
    void account_is_the_key_id_in_hex_as_the_tokens_contract_writes_accounts() {
        assertEquals(new Value.StringValue(OWNER.keyId().hex()), eval("account(config.owner)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "9223372036854775807 + 1          | long overflow in '+' (9223372036854775807 + 1) at column 21",
            "-9223372036854775808 - 1         | long overflow in '-' (-9223372036854775808 - 1) at column 22",
            "4611686018427387904 * 2          | long overflow in '*' (4611686018427387904 * 2) at column 21",
            "(-9223372036854775808) / -1      | long overflow in '/' (-9223372036854775808 / -1) at column 24",
            "-(-9223372036854775808)          | long overflow in '-' at column 1",
            "state.doses / (state.doses - 3)  | division by zero at column 13",
            "1 % 0                            | remainder of a division by zero at column 3"})
    void arithmetic_fails_instead_of_wrapping(String text, String message) {
        ArithmeticFailure failure = assertThrows(ArithmeticFailure.class, () -> eval(text));
        assertEquals(message, failure.getMessage());
    }

    @Test
    void and_and_or_skip_their_right_side_when_the_left_decides() {
        assertEquals(Value.BooleanValue.FALSE, eval("false and 1 / 0 == 0"));
        assertEquals(Value.BooleanValue.TRUE, eval("true or 1 / 0 == 0"));
    }

    @Test
    void every_node_evaluated_costs_one_step_and_skipped_nodes_cost_none() {
        StepMeter meter = new StepMeter(100);
        eval("1 + 2 * 3", meter);
        assertEquals(5, meter.used());
        StepMeter shortCircuit = new StepMeter(100);
        eval("false and (1 + 1 == 2)", shortCircuit);
        assertEquals(2, shortCircuit.used());
        assertThrows(StepBudgetExceeded.class, () -> eval("1 + 2 * 3", new StepMeter(4)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "state.doses = 3              => '=' is not an operator; compare with '==' at column 13",
            "!state.pending               => '!' is not an operator; write 'not' at column 1",
            "state.pending || true        => '||' is not an operator; write 'or' at column 15",
            "config.escrow == \"wm-1\"    => strings are written in single quotes at column 18",
            "config.escrow == 'wm-1       => string not closed with ' at column 18",
            "state.doses # 2              => unexpected character '#' at column 13",
            "99999999999999999999         => the number 99999999999999999999 does not fit in a long"
                    + " (-9223372036854775808 to 9223372036854775807) at column 1",
            "1 2                          => unexpected '2' after a complete expression at column 3",
            "state.                       => expected a field name after 'state.' but found the end of the"
                    + " expression at column 7",
            "account(config.owner         => expected ')' to close the call of 'account' at column 1 but found the"
                    + " end of the expression at column 21",
            "state.doses and true         => 'and' needs a boolean, got a long at column 1",
            "not state.doses              => 'not' needs a boolean, got a long at column 5",
            "- state.pending              => '-' needs a long, got a boolean at column 3",
            "config.escrow < 'x'          => '<' needs a long, got a string at column 1",
            "config.owner == 'x'          => '==' compares two values of one type, got key and string at column 14",
            "account()                    => account(key): string takes 1 argument, got 0 at column 1",
            "and                          => expected a value but found the operator 'and' at column 1"})
    void mistakes_are_named_at_their_column(String text, String message) {
        assertEquals(message, invalid(text).getMessage());
    }

    @Test
    void the_empty_string_is_a_value_and_the_empty_expression_is_a_mistake() {
        assertEquals(new Value.StringValue(""), eval("''"));
        assertEquals("the expression is empty at column 1", invalid("  ").getMessage());
    }

    @Test
    void a_name_declared_with_an_error_is_not_reported_again_where_it_is_used() {
        Expr expr = ExpressionParser.parse("state.broken + 1", 24);
        InvalidExpression e = assertThrows(InvalidExpression.class,
                () -> new ExpressionTyper(names(), Set.of("state.broken")).typeOf(expr));
        assertEquals(true, e.alreadyReported());
    }

    @Test
    void suggestions_are_close_names_only() {
        assertEquals("did you mean 'state.doses'?", Suggestions.didYouMean("state.dose",
                java.util.List.of("state.doses", "state.pending")));
        assertEquals(null, Suggestions.didYouMean("state.x", java.util.List.of("state.doses", "config.price")));
        assertEquals(null, Suggestions.didYouMean("ab", java.util.List.of("cd")));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
