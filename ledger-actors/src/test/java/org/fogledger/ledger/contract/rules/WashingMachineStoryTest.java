package org.fogledger.ledger.contract.rules;

import static org.fogledger.ledger.contract.rules.Chain.json;
import static org.fogledger.ledger.contract.tokens.ContractTestKeys.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.tokens.Accounts;
import org.fogledger.ledger.contract.tokens.TokensContract;
import org.fogledger.ledger.contract.tokens.TokensState;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The washing machine program, deployed by a transaction and run in the in-memory host next to the tokens
 * contract: the owner funds an escrow the machine's contract controls, the machine reports its stock, and low
 * stock orders and pays for exactly one delivery.
 */
class WashingMachineStoryTest {
    static final KeyPair MINTER = key(21);
    static final KeyPair OWNER = key(22);
    static final KeyPair MACHINE = key(23);
    static final KeyPair SUPPLIER = key(24);
    static final KeyPair STRANGER = key(25);
    static final String WASHER = "washer/wm-1";
    static final String ESCROW = "wm-1-detergent";
    static final long PRICE = 30;

    final TokensContract tokens = new TokensContract(List.of(MINTER.publicKey()));
    final Chain chain = new Chain(ExecutionLimits.DEFAULT, tokens, DeployContract.alongside(List.of(tokens)));

    static String account(KeyPair key) {
        return Accounts.of(key.publicKey());
    }

    static String hex(KeyPair key) {
        return ContractJson.hex(key.publicKey());
    }

    static void assertOk(ContractResult result, String code) {
        assertTrue(result.ok(), () -> "expected " + code + ", got " + result);
        assertEquals(code, result.code());
    }

    static void assertRefused(ContractResult result, String code, String reason) {
        assertFalse(result.ok(), () -> "expected refusal " + code + ", got " + result);
        assertEquals(code, result.code(), result::text);
        assertTrue(result.text().contains(reason), () -> "reason '" + result.text() + "' lacks '" + reason + "'");
    }

    static String initPayload(long price) {
        return json("owner", hex(OWNER), "machine", hex(MACHINE), "supplier", hex(SUPPLIER), "price", price,
                "escrowId", ESCROW);
    }

    @BeforeEach
    void deploy() {
        BlockResults deployed = chain.run(OWNER, "deploy", "deploy",
                new String(WasherProgram.bytes(), StandardCharsets.UTF_8));
        assertOk(deployed.forTransaction(0).result(), "deployed");
    }

    void ownerFundsAnEscrowForOneDelivery() {
        BlockResults setup = chain.block(
                chain.tx(MINTER, "tokens", "mint", json("to", account(OWNER), "amount", 100)),
                chain.tx(OWNER, WASHER, "init", initPayload(PRICE)),
                chain.tx(OWNER, "tokens", "escrow-open", json("id", ESCROW, "payer", account(OWNER),
                        "controller", WASHER, "payees", List.of(account(SUPPLIER)), "amount", PRICE,
                        "expiresAt", chain.time() + 86_400_000)));
        for (ExecutionRecord record : setup.records()) {
            assertTrue(record.result().ok(), record::toString);
        }
    }

    BlockResults report(long doses) {
        return chain.run(MACHINE, WASHER, "report-stock", json("doses", doses));
    }

    RuleState washer() {
        return (RuleState) chain.state(WASHER);
    }

    long balance(KeyPair key) {
        return ((TokensState) chain.state("tokens/_")).balance(account(key));
    }

    static List<?> matched(ContractResult result) {
        return (List<?>) ContractJson.readTrusted(result.data(), Map.class).get("matched");
    }

    @Test
    void the_machine_orders_once_pays_from_the_escrow_and_fails_cleanly_once_the_escrow_is_spent() {
        ownerFundsAnEscrowForOneDelivery();
        assertEquals(70, balance(OWNER));

        // Plenty of detergent: the stock is recorded, nothing is ordered.
        for (long doses : new long[] {5, 3}) {
            BlockResults results = report(doses);
            assertEquals(1, results.records().size(), "no message leaves the washer");
            assertOk(results.forTransaction(0).result(), "executed");
            assertEquals(List.of(2), matched(results.forTransaction(0).result()));
        }
        assertEquals(new Value.LongValue(3), washer().fields().get("doses"));

        // Low: one order, paid to the supplier from the owner's escrow by the washer contract itself.
        BlockResults low = report(1);
        assertEquals(List.of(2, 3), matched(low.forTransaction(0).result()));
        assertEquals(2, low.records().size());
        ExecutionRecord payment = low.records().get(1);
        assertTrue(payment.internal());
        assertEquals("tokens/_", payment.address());
        assertEquals("escrow-pay", payment.command());
        assertOk(payment.result(), "escrow-paid");
        assertEquals(PRICE, balance(SUPPLIER));
        assertEquals(70, balance(OWNER));
        assertEquals(Map.of("doses", new Value.LongValue(1), "orderPending", Value.BooleanValue.TRUE,
                "orders", new Value.LongValue(1)), washer().fields());

        // Still low, but an order is on its way: no second order, no second payment.
        BlockResults again = report(1);
        assertEquals(1, again.records().size());
        assertEquals(List.of(2), matched(again.forTransaction(0).result()));
        assertEquals(PRICE, balance(SUPPLIER));

        // Only the supplier confirms the delivery, and only of the pending order.
        assertRefused(chain.run(STRANGER, WASHER, "delivered", json("order", 1)).forTransaction(0).result(),
                "not-the-supplier", "commands.delivered.rules[0]: only the supplier confirms a delivery");
        assertRefused(chain.run(SUPPLIER, WASHER, "delivered", json("order", 7)).forTransaction(0).result(),
                "wrong-order", "the pending order has another number");
        assertOk(chain.run(SUPPLIER, WASHER, "delivered", json("order", 1)).forTransaction(0).result(),
                "executed");
        assertEquals(Value.BooleanValue.FALSE, washer().fields().get("orderPending"));

        // Refilled, then low again: the second order's payment fails, because the escrow is spent.
        report(6);
        BlockResults dry = report(1);
        assertOk(dry.forTransaction(0).result(), "executed");
        ExecutionRecord refused = dry.records().get(1);
        assertTrue(refused.internal());
        assertRefused(refused.result(), "escrow-insufficient", "tokens.escrow-pay: escrow '" + ESCROW
                + "' holds 0, cannot pay 30 to " + account(SUPPLIER));
        assertEquals(PRICE, balance(SUPPLIER), "no tokens moved");
        assertEquals(70, balance(OWNER));
        assertEquals(100, ((TokensState) chain.state("tokens/_")).supply());
        assertEquals(new Value.LongValue(2), washer().fields().get("orders"));
        assertEquals(Value.BooleanValue.TRUE, washer().fields().get("orderPending"),
                "the order stays pending, unpaid, until the owner acts");

        // The owner tops the escrow up and cancels the unpaid order; the next low report orders and pays again.
        BlockResults recovery = chain.block(
                chain.tx(OWNER, "tokens", "escrow-fund", json("id", ESCROW, "amount", PRICE)),
                chain.tx(OWNER, WASHER, "cancel-order", "{}"));
        assertOk(recovery.forTransaction(0).result(), "escrow-funded");
        assertOk(recovery.forTransaction(1).result(), "executed");
        BlockResults reordered = report(1);
        assertOk(reordered.records().get(1).result(), "escrow-paid");
        assertEquals(2 * PRICE, balance(SUPPLIER));
        assertEquals(new Value.LongValue(3), washer().fields().get("orders"));
    }

    @Test
    void two_low_reports_in_one_block_order_once() {
        ownerFundsAnEscrowForOneDelivery();
        BlockResults results = chain.block(
                chain.tx(MACHINE, WASHER, "report-stock", json("doses", 1)),
                chain.tx(MACHINE, WASHER, "report-stock", json("doses", 0)));
        assertEquals(3, results.records().size(), "two reports and one payment");
        assertEquals(List.of(2, 3), matched(results.forTransaction(0).result()));
        assertEquals(List.of(2), matched(results.forTransaction(1).result()));
        assertOk(results.records().get(2).result(), "escrow-paid");
        assertEquals(PRICE, balance(SUPPLIER));
    }

    @Test
    void only_the_machines_own_key_reports_and_never_through_another_contract() {
        ownerFundsAnEscrowForOneDelivery();
        assertRefused(chain.run(STRANGER, WASHER, "report-stock", json("doses", 0)).forTransaction(0).result(),
                "not-the-machine", "commands.report-stock.rules[0]: only the machine's own key reports its stock");

        // A relay the machine's key calls: the washer sees the relay as caller and refuses.
        String relay = "{\"name\":\"relay\",\"state\":{\"forwarded\":{\"type\":\"long\",\"initial\":0}},"
                + "\"commands\":{\"forward\":{\"params\":{\"doses\":\"long\"},\"rules\":[{\"then\":["
                + "{\"send\":{\"to\":\"'washer/wm-1'\",\"command\":\"report-stock\","
                + "\"payload\":{\"doses\":\"param.doses\"}}},"
                + "{\"set\":\"forwarded\",\"to\":\"state.forwarded + 1\"}]}]}}}";
        assertOk(chain.run(STRANGER, "deploy", "deploy", relay).forTransaction(0).result(), "deployed");
        BlockResults relayed = chain.run(MACHINE, "relay", "forward", json("doses", 0));
        assertOk(relayed.forTransaction(0).result(), "executed");
        assertRefused(relayed.records().get(1).result(), "not-the-machine", "only the machine's own key");
        assertEquals(0, balance(SUPPLIER));
        assertEquals(new Value.LongValue(0), washer().fields().get("doses"));
    }

    @Test
    void an_instance_runs_nothing_before_init_and_is_configured_once() {
        assertRefused(report(1).forTransaction(0).result(), "not-configured",
                "washer/wm-1 is not configured: send init with escrowId (string), machine (key), owner (key),"
                        + " price (long), supplier (key) first");
        assertRefused(chain.run(OWNER, WASHER, "init", initPayload(0)).forTransaction(0).result(), "bad-price",
                "commands.init.rules[0]: the price of a delivery must be positive");
        assertFalse(washer().configured(), "a refused init configures nothing");
        assertRefused(chain.run(OWNER, WASHER, "init", json("owner", hex(OWNER))).forTransaction(0).result(),
                "malformed-payload", "washer.init: field 'escrowId' is missing (expected a string)");
        assertOk(chain.run(OWNER, WASHER, "init", initPayload(PRICE)).forTransaction(0).result(), "executed");
        assertRefused(chain.run(STRANGER, WASHER, "init", initPayload(1)).forTransaction(0).result(),
                "already-configured", "washer/wm-1 is already configured");
        assertEquals(new Value.LongValue(PRICE), washer().config().get("price"));
        // Instances are independent: another machine has its own state and needs its own init.
        assertFalse(((RuleState) chain.state("washer/wm-2")).configured());
    }

    @Test
    void parameters_are_typed_and_exact() {
        ownerFundsAnEscrowForOneDelivery();
        assertRefused(chain.run(MACHINE, WASHER, "report-stock", json("doses", "two")).forTransaction(0)
                .result(), "malformed-payload", "washer.report-stock: field 'doses' expected a long, got the"
                + " string \"two\"");
        assertRefused(chain.run(MACHINE, WASHER, "report-stock", json("doses", 1, "colour", "red"))
                .forTransaction(0).result(), "malformed-payload", "unknown field 'colour'; the fields are doses"
                + " (long)");
        assertRefused(chain.run(MACHINE, WASHER, "report-stock", "{\"doses\": 1.5}").forTransaction(0).result(),
                "malformed-payload", "expected a long");
        assertRefused(chain.run(MACHINE, WASHER, "spin", "{}").forTransaction(0).result(), "unknown-command",
                "washer has no command 'spin'; its commands are init, cancel-order, delivered, report-stock");
        assertEquals(0, balance(SUPPLIER));
    }

    @Test
    void a_deployed_program_is_immutable_and_no_name_is_taken_twice() {
        BlockResults again = chain.run(STRANGER, "deploy", "deploy",
                new String(WasherProgram.bytes(), StandardCharsets.UTF_8));
        assertRefused(again.forTransaction(0).result(), "name-taken", "a program named 'washer' was deployed at"
                + " height 1");
        String tokensImpostor = new String(WasherProgram.bytes(), StandardCharsets.UTF_8)
                .replace("\"name\": \"washer\"", "\"name\": \"tokens\"");
        assertRefused(chain.run(STRANGER, "deploy", "deploy", tokensImpostor).forTransaction(0).result(),
                "name-taken", "a contract named 'tokens' is built in");
        String deployImpostor = tokensImpostor.replace("\"name\": \"tokens\"", "\"name\": \"deploy\"");
        assertRefused(chain.run(STRANGER, "deploy", "deploy", deployImpostor).forTransaction(0).result(),
                "name-taken", "a contract named 'deploy' is built in");
        assertRefused(chain.run(STRANGER, "deploy", "upgrade", "{}").forTransaction(0).result(),
                "unknown-command", "its command is deploy");
        DeployState deployed = (DeployState) chain.state("deploy");
        assertEquals(List.of("washer"), List.copyOf(deployed.programs().keySet()));
        assertEquals(account(OWNER), deployed.programs().get("washer").deployer());
    }

    @Test
    void the_deployment_answers_the_programs_hash_and_each_commands_worst_case_cost() {
        BlockResults results = chain.run(STRANGER, "deploy", "deploy", new String(WasherProgram.bytes(),
                StandardCharsets.UTF_8).replace("\"name\": \"washer\"", "\"name\": \"washer-b\""));
        Map<?, ?> answer = ContractJson.readTrusted(results.forTransaction(0).result().data(), Map.class);
        assertEquals("washer-b", answer.get("name"));
        assertEquals(64, ((String) answer.get("hash")).length());
        assertEquals(List.of("cancel-order", "delivered", "init", "report-stock"),
                List.copyOf(((Map<?, ?>) answer.get("worstCaseSteps")).keySet()));
        byte[] source = chain.host().query(DeployContract.ADDRESS, "program",
                json("name", "washer-b").getBytes(StandardCharsets.UTF_8));
        ProgramDocument stored = ContractJson.readTrusted(source, ProgramDocument.class);
        ProgramDocument original = ContractJson.readTrusted(WasherProgram.bytes(), ProgramDocument.class);
        assertEquals("washer-b", stored.name());
        assertEquals(original.state(), stored.state());
        assertEquals(original.config(), stored.config());
        assertEquals(original.commands(), stored.commands());
    }
}
