package org.fogledger.ledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.Test;

class BlockExecutionTest {
    private static final KeyPair ALICE = KeyPair.fromPrivateKey(org.fogledger.ledger.crypto.SignatureScheme.ED25519,
            new byte[32]);
    private long nonce;

    private Transaction tx(String address, String command, String json) {
        return Transaction.sign(ALICE, "test-chain", nonce++, address, command,
                json.getBytes(StandardCharsets.UTF_8));
    }

    private InMemoryContractHost host() {
        return new InMemoryContractHost(ContractCatalog.of(new TallyContract()), ExecutionLimits.DEFAULT);
    }

    @Test
    void transactionsRunInBlockOrderAndTheirMessagesRunAfterThemInSendingOrder() {
        BlockResults results = host().execute(1, 1000, List.of(
                tx("tally/a", "forward", "{\"target\":\"tally/b\",\"name\":\"x\",\"amount\":5}"),
                tx("tally/a", "echo", "{}"),
                tx("tally/c", "forward", "{\"target\":\"tally/b\",\"name\":\"x\",\"amount\":7}")));

        assertEquals(3, results.transactionCount());
        assertEquals(5, results.records().size());
        assertEquals("1/1/-", results.records().get(1).result().text());
        ExecutionRecord first = results.records().get(3);
        ExecutionRecord second = results.records().get(4);
        assertTrue(first.internal());
        assertEquals("tally/b", first.address());
        assertEquals("5", first.result().text());
        assertEquals("12", second.result().text());
        assertEquals(results.records().get(0).origin(), first.origin());
        assertEquals(results.records().get(2).origin(), second.origin());
    }

    @Test
    void anInternalMessageKnowsWhichContractSentIt() {
        InMemoryContractHost host = host();
        BlockResults results = host.execute(1, 0, List.of(
                tx("tally/a", "forward", "{\"target\":\"tally/b\",\"name\":\"x\",\"amount\":1}")));
        // The message ran as tally/b with caller tally/a; echo from tally/b directly shows no caller.
        assertTrue(results.records().get(1).internal());
        BlockResults echo = host.execute(2, 0, List.of(tx("tally/b", "echo", "{}")));
        assertEquals("2/0/-", echo.records().get(0).result().text());
    }

    @Test
    void aRefusedOrOverBudgetTransactionFailsAloneAndChangesNothing() {
        InMemoryContractHost host = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                new ExecutionLimits(1_000, 8, 4, 16, 1024));
        BlockResults results = host.execute(1, 0, List.of(
                tx("tally/a", "add", "{\"name\":\"x\",\"amount\":3}"),
                tx("tally/a", "add", "{\"name\":\"x\",\"amount\":-10}"),
                tx("tally/a", "spin", "{\"steps\":5000}"),
                tx("tally/a", "add", "{\"name\":\"x\",\"amount\":2}")));

        assertEquals("added", results.records().get(0).result().code());
        assertEquals("negative-tally", results.records().get(1).result().code());
        assertEquals("tally 'x' would become -7", results.records().get(1).result().text());
        assertEquals("step-budget-exceeded", results.records().get(2).result().code());
        assertEquals("5", results.records().get(3).result().text());
        assertEquals(Executor.NO_EVENTS, results.records().get(1).eventsHash());
    }

    @Test
    void unknownContractsBadAddressesAndMalformedPayloadsAreRecordedWithTheirReason() {
        BlockResults results = host().execute(1, 0, List.of(
                tx("nosuch/a", "add", "{}"),
                tx("Tally!/a", "add", "{}"),
                tx("tally/a", "add", "{\"name\":\"x\",\"amount\":\"lots\"}"),
                tx("tally/a", "add", "{\"name\":\"x\",\"amount\":1,\"extra\":true}")));

        assertEquals("unknown-contract", results.records().get(0).result().code());
        assertEquals("bad-address", results.records().get(1).result().code());
        assertEquals("malformed-payload", results.records().get(2).result().code());
        assertTrue(results.records().get(2).result().text().contains("field 'amount'"),
                results.records().get(2).result().text());
        assertTrue(results.records().get(3).result().text().contains("extra"),
                results.records().get(3).result().text());
    }

    @Test
    void internalMessagesBeyondTheBlockLimitFailVisibly() {
        InMemoryContractHost host = new InMemoryContractHost(ContractCatalog.of(new TallyContract()),
                new ExecutionLimits(1_000, 8, 4, 1, 1024));
        BlockResults results = host.execute(1, 0, List.of(
                tx("tally/a", "forward", "{\"target\":\"tally/b\",\"name\":\"x\",\"amount\":1}"),
                tx("tally/a", "forward", "{\"target\":\"tally/b\",\"name\":\"x\",\"amount\":1}")));

        assertEquals(4, results.records().size());
        long dropped = results.records().stream()
                .filter(r -> r.result().code().equals("internal-message-limit")).count();
        assertEquals(1, dropped);
    }

    @Test
    void theResultsHashIsTheSameForTheSameBlockAndChangesWithAnyResult() {
        List<Transaction> block = List.of(tx("tally/a", "add", "{\"name\":\"x\",\"amount\":3}"),
                tx("tally/b", "forward", "{\"target\":\"tally/a\",\"name\":\"x\",\"amount\":1}"));
        BlockResults once = host().execute(1, 0, block);
        BlockResults again = host().execute(1, 0, block);
        assertEquals(once.resultsHash(), again.resultsHash());

        BlockResults otherTime = host().execute(1, 5, block);
        assertEquals(once.resultsHash(), otherTime.resultsHash(), "this contract ignores time");
        InMemoryContractHost primed = host();
        primed.execute(1, 0, List.of(tx("tally/a", "add", "{\"name\":\"x\",\"amount\":1}")));
        BlockResults afterPriming = primed.execute(2, 0, block);
        assertNotEquals(once.resultsHash(), afterPriming.resultsHash());
        assertTrue(once.proof(2).verify(once.records().get(2).hash(), once.recordsRoot()));
        assertFalse(once.proof(2).verify(once.records().get(1).hash(), once.recordsRoot()));
    }

    @Test
    void eachBlocksResultsHashChainsToThePreviousOne() {
        InMemoryContractHost host = host();
        BlockResults first = host.execute(1, 0, List.of(tx("tally/a", "add", "{\"name\":\"x\",\"amount\":3}")));
        BlockResults second = host.execute(2, 0, List.of());

        assertEquals(first.resultsHash(), second.previousResultsHash());
        assertEquals(BlockResults.chain(2, first.resultsHash(), second.recordsRoot()), second.resultsHash());
        // An empty block still moves the chain on: its hash differs from its predecessor's.
        assertNotEquals(first.resultsHash(), second.resultsHash());
    }
}
