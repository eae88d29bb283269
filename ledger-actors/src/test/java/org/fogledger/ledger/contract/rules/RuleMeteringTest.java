package org.fogledger.ledger.contract.rules;

import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * Running a rule charges the step meter per rule, action and expression node: a command that needs more than the
 * budget fails alone, with step-budget-exceeded, while the rest of its block runs.
 */
class RuleMeteringTest {
    static final KeyPair USER = key(50);
    static final int BUDGET = 3_000;

    /** A balanced sum of 2^depth ones: 2^(depth+1) - 1 nodes, only depth + 1 levels deep. */
    static String ones(int depth) {
        return depth == 0 ? "1" : "(" + ones(depth - 1) + " + " + ones(depth - 1) + ")";
    }

    /** {@code tick} is cheap; {@code spin} evaluates 30 conditions of 127 nodes each (about 3,900 steps). */
    static String heavyProgram() {
        ObjectNode program = ContractJson.mapper().createObjectNode().put("name", "heavy");
        ObjectNode state = program.putObject("state");
        state.putObject("ticks").put("type", "long").put("initial", 0);
        state.putObject("spun").put("type", "boolean").put("initial", false);
        ObjectNode commands = program.putObject("commands");
        commands.putObject("tick").putArray("rules").addObject().putArray("then").addObject()
                .put("set", "ticks").put("to", "state.ticks + 1");
        ArrayNode spin = commands.putObject("spin").putArray("rules");
        for (int i = 0; i < 30; i++) {
            ObjectNode rule = spin.addObject().put("when", ones(6) + " > 0");
            rule.putArray("then").addObject().put("set", "spun").put("to", "true");
        }
        return ContractJson.writeString(program);
    }

    @Test
    void a_command_over_budget_fails_alone_and_keeps_nothing() {
        Chain chain = new Chain(new ExecutionLimits(BUDGET, 64, 16, 4_096, 16_384),
                DeployContract.alongside(List.of()));
        BlockResults deployed = chain.run(USER, "deploy", "deploy", heavyProgram());
        assertTrue(deployed.forTransaction(0).result().ok(), () -> deployed.forTransaction(0).result().toString());
        Map<?, ?> costs = (Map<?, ?>) ContractJson.readTrusted(deployed.forTransaction(0).result().data(),
                Map.class).get("worstCaseSteps");
        assertTrue(((Number) costs.get("spin")).longValue() > BUDGET, costs::toString);
        assertTrue(((Number) costs.get("tick")).longValue() < BUDGET, costs::toString);

        BlockResults block = chain.block(
                chain.tx(USER, "heavy/a", "tick", "{}"),
                chain.tx(USER, "heavy/a", "spin", "{}"),
                chain.tx(USER, "heavy/a", "tick", "{}"));
        assertTrue(block.forTransaction(0).result().ok());
        assertFalse(block.forTransaction(1).result().ok());
        assertEquals("step-budget-exceeded", block.forTransaction(1).result().code());
        assertEquals("execution exceeded its budget of 3000 steps", block.forTransaction(1).result().text());
        assertTrue(block.forTransaction(2).result().ok());
        RuleState state = (RuleState) chain.state("heavy/a");
        assertEquals(new Value.LongValue(2), state.fields().get("ticks"));
        assertEquals(Value.BooleanValue.FALSE, state.fields().get("spun"), "the failed command set nothing");
    }

    @Test
    void checking_a_program_is_metered_too() {
        StepMeter meter = new StepMeter(10_000);
        ProgramCompiler.compile(WasherProgram.bytes(), ProgramLimits.DEFAULT, meter);
        long cost = meter.used();
        assertTrue(cost > 50, () -> "checking the washer took " + cost + " steps");

        Chain chain = new Chain(new ExecutionLimits(cost - 1, 64, 16, 4_096, 16_384),
                DeployContract.alongside(List.of()));
        BlockResults tooPoor = chain.run(USER, "deploy", "deploy",
                new String(WasherProgram.bytes(), StandardCharsets.UTF_8));
        assertEquals("step-budget-exceeded", tooPoor.forTransaction(0).result().code());
        assertFalse(chain.host().catalog().contains("washer"));
    }

    @Test
    void the_worst_case_announced_at_deployment_is_what_a_command_costs_when_every_rule_runs() {
        Program program = ProgramCompiler.compile(("{\"name\":\"all\",\"state\":{\"x\":{\"type\":\"long\","
                + "\"initial\":0}},\"commands\":{\"go\":{\"params\":{\"n\":\"long\",\"who\":\"string\"},"
                + "\"rules\":[{\"when\":\"param.n > 0 and param.who != ''\",\"then\":["
                + "{\"set\":\"x\",\"to\":\"param.n + state.x * 2\"},"
                + "{\"emit\":{\"event\":\"went\",\"fields\":{\"x\":\"state.x\",\"who\":\"param.who\"}}},"
                + "{\"send\":{\"to\":\"'tokens/_'\",\"command\":\"noop\",\"payload\":{\"n\":\"-param.n\"}}}]},"
                + "{\"then\":[{\"fail\":{\"code\":\"stop\",\"message\":\"stopped\"}}]}]}}}")
                .getBytes(StandardCharsets.UTF_8), ProgramLimits.DEFAULT, new StepMeter(10_000));
        RuleContract contract = new RuleContract(program, ProgramLimits.DEFAULT);
        StepMeter meter = new StepMeter(10_000);
        ContractAddress address = ContractAddress.of("all", "a");
        Invocation invocation = new Invocation(address, "go", ContractJson.write(new TreeMap<>(Map.of("n", 3,
                "who", "me"))), new ExecutionContext(1, 0, 0, USER.publicKey(), null, Hash.ZERO));
        try {
            contract.handle(contract.initialState("a"), invocation, meter);
        } catch (org.fogledger.ledger.contract.ContractRefusal stopped) {
            assertEquals("stop", stopped.code());
        }
        assertEquals(program.worstCaseSteps().get("go").longValue(), meter.used());
    }
}
