package org.fogledger.ledger.contract.rules;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.tokens.TokensContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deploy-time checking: each kind of mistake, planted alone in a copy of the washing machine program, is refused
 * with exactly one error, and that error points at the rule (and column) where the mistake is.
 */
class ProgramCheckTest {

    static List<String> errors(ObjectNode program) {
        InvalidProgram invalid = assertThrows(InvalidProgram.class, () -> ProgramCompiler.compile(
                WasherProgram.bytes(program), ProgramLimits.DEFAULT, new StepMeter(1_000_000)));
        return invalid.errors();
    }

    static ObjectNode at(ObjectNode program, String pointer) {
        return (ObjectNode) program.at(pointer);
    }

    static Arguments mistake(String name, Consumer<ObjectNode> plant, String expected) {
        return Arguments.of(name, plant, expected);
    }

    static final String REPORT = "/commands/report-stock/rules/";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("misspelt state field", p -> at(p, REPORT + "3").put("when",
                                "true and state.dose < 2 and not state.orderPending"),
                        "commands.report-stock.rules[3].when: unknown name 'state.dose' at column 10"
                                + " (did you mean 'state.doses'?)"),
                mistake("misspelt parameter", p -> at(p, REPORT + "1").put("when", "param.dose < 0"),
                        "commands.report-stock.rules[1].when: unknown name 'param.dose' at column 1"
                                + " (did you mean 'param.doses'?)"),
                mistake("parameter of another command", p -> at(p, REPORT + "1").put("when", "param.order < 0"),
                        "commands.report-stock.rules[1].when: unknown name 'param.order' at column 1"),
                mistake("misspelt context name", p -> at(p, REPORT + "0").put("when",
                                "ctx.caler != '' or ctx.sender != config.machine"),
                        "commands.report-stock.rules[0].when: unknown name 'ctx.caler' at column 1"
                                + " (did you mean 'ctx.caller'?)"),
                mistake("name without its scope", p -> at(p, REPORT + "1").put("when", "doses < 0"),
                        "commands.report-stock.rules[1].when: unknown name 'doses'; names are written scope.field"
                                + " (state, param, config, ctx) at column 1 (did you mean 'param.doses' or"
                                + " 'state.doses'?)"),
                mistake("unknown scope", p -> at(p, REPORT + "1").put("when", "params.doses < 0"),
                        "commands.report-stock.rules[1].when: unknown name 'params.doses': there is no scope"
                                + " 'params' (scopes: state, param, config, ctx) at column 1 (did you mean"
                                + " 'param.doses'?)"),
                mistake("expression cut short", p -> at(p, REPORT + "1").put("when", "param.doses < "),
                        "commands.report-stock.rules[1].when: expected a value, a name or '(' but found the end of"
                                + " the expression at column 15"),
                mistake("operator from another language", p -> at(p, REPORT + "1").put("when",
                                "param.doses < 0 && true"),
                        "commands.report-stock.rules[1].when: '&&' is not an operator; write 'and' at column 17"),
                mistake("unclosed parenthesis", p -> at(p, REPORT + "1").put("when", "(param.doses < 0"),
                        "commands.report-stock.rules[1].when: expected ')' to close the '(' at column 1 but found"
                                + " the end of the expression at column 17"),
                mistake("chained comparison", p -> at(p, REPORT + "1").put("when", "0 < param.doses < 9"),
                        "commands.report-stock.rules[1].when: comparisons do not chain; combine them with 'and'"
                                + " at column 17"),
                mistake("condition that is not boolean", p -> at(p, REPORT + "1").put("when", "param.doses"),
                        "commands.report-stock.rules[1].when: a condition must be a boolean, but the expression is"
                                + " a long"),
                mistake("arithmetic on a boolean", p -> at(p, REPORT + "3").put("when",
                                "state.doses < 2 and state.orderPending + 1 > 0"),
                        "commands.report-stock.rules[3].when: '+' needs a long, got a boolean at column 21"),
                mistake("comparing a long with a string", p -> at(p, "/commands/delivered/rules/2").put("when",
                                "param.order != config.escrowId"),
                        "commands.delivered.rules[2].when: '!=' compares two values of one type, got long and"
                                + " string at column 13"),
                mistake("set to a value of the wrong type", p -> at(p, REPORT + "2/then/0").put("to",
                                "param.doses > 0"),
                        "commands.report-stock.rules[2].then[0].to: 'doses' is a long, but the expression is a"
                                + " boolean"),
                mistake("set of an unknown field", p -> at(p, REPORT + "2/then/0").put("set", "dose"),
                        "commands.report-stock.rules[2].then[0].set: unknown state field 'dose' (did you mean"
                                + " 'doses'?)"),
                mistake("set of a config entry", p -> at(p, REPORT + "2/then/0").put("set", "config.price"),
                        "commands.report-stock.rules[2].then[0].set: only state fields can be set; 'config.price'"
                                + " is not one (config is fixed when an instance is configured)"),
                mistake("set of a field written with its scope", p -> at(p, REPORT + "2/then/0").put("set",
                                "state.doses"),
                        "commands.report-stock.rules[2].then[0].set: set names a state field without 'state.':"
                                + " write 'doses'"),
                mistake("send to a number", p -> at(p, REPORT + "3/then/0/send").put("to", "config.price"),
                        "commands.report-stock.rules[3].then[0].send.to: a contract address is a string, but the"
                                + " expression is a long"),
                mistake("send to an address that cannot be", p -> at(p, REPORT + "3/then/0/send").put("to",
                                "'Tokens/_'"),
                        "commands.report-stock.rules[3].then[0].send.to: not a contract address: contract name"
                                + " 'Tokens' must be 1-32 characters of a-z, 0-9 and '-', starting with a letter"),
                mistake("misspelt function", p -> at(p, REPORT + "3/then/0/send/payload").put("to",
                                "acount(config.supplier)"),
                        "commands.report-stock.rules[3].then[0].send.payload.to: unknown function 'acount' at"
                                + " column 1 (did you mean 'account'?)"),
                mistake("function argument of the wrong type", p -> at(p, REPORT + "3/then/0/send/payload")
                                .put("to", "account(config.price)"),
                        "commands.report-stock.rules[3].then[0].send.payload.to: account(key): string needs a key,"
                                + " got a long at column 9"),
                mistake("emitted field with an unknown name", p -> at(p, REPORT + "3/then/3/emit/fields")
                                .put("order", "state.order"),
                        "commands.report-stock.rules[3].then[3].emit.fields.order: unknown name 'state.order' at"
                                + " column 1 (did you mean 'state.orders'?)"),
                mistake("action of two kinds", p -> at(p, REPORT + "2/then/0").putObject("fail")
                                .put("code", "x").put("message", "y"),
                        "commands.report-stock.rules[2].then[0]: an action is exactly one of set (with to), emit,"
                                + " send, fail; this one is set and fail"),
                mistake("failure code that is not a code", p -> at(p, REPORT + "0/then/0/fail").put("code",
                                "Not The Machine"),
                        "commands.report-stock.rules[0].then[0].fail.code: a failure code is 1-48 characters of"
                                + " a-z, 0-9 and '-', starting with a letter; got 'Not The Machine'"),
                mistake("rule without actions", p -> at(p, REPORT + "1").putArray("then"),
                        "commands.report-stock.rules[1].then: a rule needs at least one action"),
                mistake("initial value of the wrong type", p -> at(p, "/state/doses").put("initial", "zero"),
                        "state.doses.initial: expected a long, got the string \"zero\""),
                mistake("unknown type", p -> at(p, "/config").put("price", "float"),
                        "config.price: unknown type 'float' (types: long, boolean, string, key)"),
                mistake("parameter name an expression cannot say", p -> at(p, "/commands/delivered/params")
                                .put("order-no", "long"),
                        "commands.delivered.params.order-no: a field name is 1-32 characters of A-Z, a-z, 0-9 and"
                                + " '_', starting with a lowercase letter, so that expressions can name it"),
                mistake("init with params", p -> at(p, "/commands/init").putObject("params").put("x", "long"),
                        "commands.init.params: init takes no params: its payload is the config (escrowId, machine,"
                                + " owner, price, supplier)"),
                mistake("program name that is no contract name", p -> p.put("name", "Washer"),
                        "name: contract name 'Washer' must be 1-32 characters of a-z, 0-9 and '-', starting with a"
                                + " letter"),
                mistake("expression nested too deep", p -> at(p, REPORT + "1").put("when",
                                "(".repeat(30) + "param.doses < 0" + ")".repeat(30)),
                        "commands.report-stock.rules[1].when: the expression nests deeper than the limit of 24 at"
                                + " column 25"),
                mistake("expression tree too deep", p -> at(p, REPORT + "1").put("when",
                                "param.doses" + " + 1".repeat(30) + " < 0"),
                        "commands.report-stock.rules[1].when: the expression is 32 levels deep; the limit is 24 at"
                                + " column 1"),
                mistake("expression too long", p -> at(p, REPORT + "1").put("when",
                                "param.doses < 0 or " + "true or ".repeat(70) + "true"),
                        "commands.report-stock.rules[1].when: the expression is 583 characters; the limit is 512"),
                mistake("too many rules", p -> {
                    ArrayNode rules = (ArrayNode) p.at("/commands/report-stock/rules");
                    while (rules.size() <= ProgramLimits.DEFAULT.maxRulesPerCommand()) {
                        rules.add(rules.get(2).deepCopy());
                    }
                }, "commands.report-stock.rules: 33 rules; the limit is 32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void each_mistake_is_reported_once_at_its_place(String name, Consumer<ObjectNode> plant, String expected) {
        ObjectNode program = WasherProgram.tree();
        plant.accept(program);
        assertEquals(List.of(expected), errors(program));
    }

    @Test
    void the_shipped_program_has_no_mistake() {
        Program program = ProgramCompiler.compile(WasherProgram.bytes(), ProgramLimits.DEFAULT, new StepMeter(10_000));
        assertEquals("washer", program.name());
        assertEquals(List.of("cancel-order", "delivered", "report-stock"), List.copyOf(program.commands().keySet()));
        assertEquals(2, program.init().rules().size());
    }

    @Test
    void several_mistakes_are_reported_together_in_document_order() {
        ObjectNode program = WasherProgram.tree();
        at(program, "/state/doses").put("initial", true);
        at(program, REPORT + "1").put("when", "param.dose < 0");
        at(program, "/commands/delivered/rules/1").put("when", "state.pending");
        assertEquals(List.of(
                "state.doses.initial: expected a long, got the boolean true",
                "commands.delivered.rules[1].when: unknown name 'state.pending' at column 1",
                "commands.report-stock.rules[1].when: unknown name 'param.dose' at column 1 (did you mean"
                        + " 'param.doses'?)"), errors(program));
    }

    @Test
    void malformed_json_and_unknown_keys_are_named_by_their_path() {
        ObjectNode program = WasherProgram.tree();
        at(program, REPORT + "1").put("whenn", "true");
        List<String> errors = errors(program);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("program: field 'commands.report-stock.rules[1].whenn'"), errors::toString);

        InvalidProgram notJson = assertThrows(InvalidProgram.class, () -> ProgramCompiler.compile(
                "{\"name\": ".getBytes(StandardCharsets.UTF_8), ProgramLimits.DEFAULT, new StepMeter(100)));
        assertTrue(notJson.getMessage().startsWith("program: not valid JSON"), notJson::getMessage);
    }

    @Test
    void a_program_over_the_size_limit_is_refused_before_it_is_read() {
        byte[] big = new byte[ProgramLimits.DEFAULT.maxProgramBytes() + 1];
        InvalidProgram invalid = assertThrows(InvalidProgram.class, () -> ProgramCompiler.compile(big,
                ProgramLimits.DEFAULT, new StepMeter(100)));
        assertEquals(List.of("the program is 32769 bytes; the limit is 32768"), invalid.errors());
    }

    @Test
    void a_deploy_transaction_with_a_mistake_fails_with_invalid_program_and_deploys_nothing() {
        TokensContract tokens = new TokensContract(List.of());
        Chain chain = new Chain(ExecutionLimits.DEFAULT, tokens, DeployContract.alongside(List.of(tokens)));
        ObjectNode program = WasherProgram.tree();
        at(program, REPORT + "3").put("when", "state.dose < 2");
        BlockResults results = chain.run(key(30), "deploy", "deploy",
                new String(WasherProgram.bytes(program), StandardCharsets.UTF_8));
        ContractResult result = results.forTransaction(0).result();
        assertFalse(result.ok());
        assertEquals("invalid-program", result.code());
        assertEquals("commands.report-stock.rules[3].when: unknown name 'state.dose' at column 1 (did you mean"
                + " 'state.doses'?)", result.text());
        assertFalse(chain.host().catalog().contains("washer"));
    }
}
