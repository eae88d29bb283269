package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fogledger.ledger.chain.ChainFixtures;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.InMemoryContractHost;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace contract keeps one unbroken chain of batches per stream: only the stream's gateway anchors, each batch
 * starts where the previous ended and names its root, and nothing else gets in.
 */
class TraceContractTest {
    private static final String STREAM = "gw-7";
    private static final ContractAddress ADDRESS = ContractAddress.of("trace", STREAM);

    private final KeyPair owner = ChainFixtures.key(4);
    private final KeyPair gateway = ChainFixtures.key(5);
    private final KeyPair stranger = ChainFixtures.key(6);
    private final KeyPair replacement = ChainFixtures.key(7);

    private InMemoryContractHost host;
    private long height;
    private long nonce;
    private TraceBatcher batcher;

    @BeforeEach
    void start() {
        host = new InMemoryContractHost(ContractCatalog.of(new TraceContract(2), new Relay()), ExecutionLimits.DEFAULT);
        batcher = TraceBatcher.forNewStream(STREAM, 3);
    }

    /** A contract that forwards its payload as an anchor to trace/gw-7: a caller that is code, not a key. */
    private static final class Relay implements Contract<String, String> {
        public String name() {
            return "relay";
        }

        public Class<String> stateType() {
            return String.class;
        }

        public Class<String> eventType() {
            return String.class;
        }

        public String initialState(String instance) {
            return "";
        }

        public Outcome<String> handle(String state, Invocation invocation, StepMeter meter) {
            return Outcome.<String>answer(ContractResult.ok("relayed")).withMessages(List.of(
                    new ContractMessage(ADDRESS, TraceContract.ANCHOR, invocation.payload())));
        }

        public String apply(String state, String event) {
            return state;
        }
    }

    private BlockResults block(Transaction... txs) {
        height++;
        return host.execute(height, 1_000 * height, List.of(txs));
    }

    private ContractResult run(Transaction tx) {
        return block(tx).forTransaction(0).result();
    }

    private Transaction tx(KeyPair key, String command, Object payload) {
        return Transaction.sign(key, TraceFixtures.CHAIN_ID, ++nonce, ADDRESS.toString(), command,
                ContractJson.write(payload));
    }

    private ContractResult register() {
        return run(tx(owner, TraceContract.REGISTER, new GatewayCommand(gateway.publicKey())));
    }

    private TraceBatch nextBatch() {
        TraceBatch batch = null;
        while (batch == null) {
            batch = batcher.add(TraceFixtures.record(STREAM, batcher.nextSequence(), TraceKind.COLLECT)).orElse(null);
        }
        return batch;
    }

    private ContractResult anchor(KeyPair signer, AnchorCommand command) {
        return run(tx(signer, TraceContract.ANCHOR, command));
    }

    private static void assertRefused(ContractResult result, String code, String... phrases) {
        assertFalse(result.ok(), result.toString());
        assertEquals(code, result.code(), result.toString());
        for (String phrase : phrases) {
            assertTrue(result.text().contains(phrase), "'" + result.text() + "' lacks '" + phrase + "'");
        }
    }

    private TraceStream.Registered state() {
        return (TraceStream.Registered) host.state(ADDRESS);
    }

    @Test
    void theOwnerRegistersAStreamOnceAndItsGatewayAnchorsBatchesInOrder() {
        assertTrue(register().ok());
        assertRefused(register(), "already-registered", "stream 'gw-7' is already registered by " + owner.publicKey());
        TraceBatch first = nextBatch();
        ContractResult result = anchor(gateway, first.anchorCommand());
        assertTrue(result.ok(), result.toString());
        assertEquals(TraceContract.ANCHORED, result.code());
        TraceAnchor anchor = ContractJson.readTrusted(result.data(), TraceAnchor.class);
        assertEquals(first.root(), anchor.root());
        assertEquals(0, anchor.firstSeq());
        assertEquals(2, anchor.lastSeq());
        assertEquals(Hash.ZERO, anchor.previousRoot());
        assertEquals(height, anchor.height());
        assertEquals(gateway.publicKey(), anchor.gateway());
        TraceBatch second = nextBatch();
        assertEquals(first.root(), second.previousRoot());
        assertTrue(anchor(gateway, second.anchorCommand()).ok());
        assertEquals(6, state().nextSequence());
        assertEquals(second.root(), state().lastRoot());
        assertEquals(2, state().anchoredBatches());
    }

    @Test
    void nothingIsAnchoredOnAnUnregisteredStream() {
        assertRefused(anchor(gateway, nextBatch().anchorCommand()), "not-registered",
                "stream 'gw-7' is not registered; its owner must send 'register' before 'anchor'");
    }

    @Test
    void onlyTheStreamsGatewayAnchors() {
        register();
        assertRefused(anchor(stranger, nextBatch().anchorCommand()), "not-gateway",
                "must be signed by its gateway " + gateway.publicKey(), "signed by " + stranger.publicKey());
        assertRefused(anchor(owner, new TraceBatch(STREAM, Hash.ZERO, batcherlessRecords(0, 3)).anchorCommand()),
                "not-gateway");
        assertEquals(0, state().nextSequence());
    }

    private static List<TraceRecord> batcherlessRecords(long from, int count) {
        List<TraceRecord> records = new ArrayList<>();
        for (long s = from; s < from + count; s++) {
            records.add(TraceFixtures.record(STREAM, s, TraceKind.STORE));
        }
        return records;
    }

    @Test
    void batchesMustBeContiguousWithoutGapsOrOverlaps() {
        register();
        TraceBatch first = nextBatch();
        assertTrue(anchor(gateway, first.anchorCommand()).ok());
        assertRefused(anchor(gateway, first.anchorCommand()), "sequence-overlap",
                "field 'firstSeq' 0 overlaps what stream 'gw-7' already anchored: its next sequence is 3");
        TraceBatch gap = new TraceBatch(STREAM, first.root(), batcherlessRecords(4, 3));
        assertRefused(anchor(gateway, gap.anchorCommand()), "sequence-gap",
                "field 'firstSeq' 4 leaves a gap: stream 'gw-7' expects sequence 3 next, records 3..3 were never"
                        + " anchored");
        TraceBatch overlap = new TraceBatch(STREAM, first.root(), batcherlessRecords(2, 3));
        assertRefused(anchor(gateway, overlap.anchorCommand()), "sequence-overlap", "'firstSeq' 2");
        assertEquals(3, state().nextSequence());
        assertTrue(anchor(gateway, nextBatch().anchorCommand()).ok());
    }

    @Test
    void eachBatchMustLinkToThePreviousRoot() {
        register();
        TraceBatch first = nextBatch();
        AnchorCommand unlinked = new AnchorCommand(first.root(), 0, 2, 3, TraceFixtures.hash("elsewhere"));
        assertRefused(anchor(gateway, unlinked), "broken-link", "field 'previousRoot'",
                "which has none yet (the first batch links to the all-zero hash)");
        assertTrue(anchor(gateway, first.anchorCommand()).ok());
        TraceBatch second = nextBatch();
        AnchorCommand skipsFirst = new AnchorCommand(second.root(), 3, 5, 3, Hash.ZERO);
        assertRefused(anchor(gateway, skipsFirst), "broken-link",
                "is not the root of the stream's last batch, " + first.root().shortHex());
    }

    @Test
    void theCountMustAgreeWithTheRangeAndTheRootMustBeReal() {
        register();
        Hash root = TraceFixtures.hash("root");
        assertRefused(anchor(gateway, new AnchorCommand(root, 0, 2, 2, Hash.ZERO)), "bad-count",
                "field 'count' 2 disagrees with the range 0..2, which holds 3 records");
        assertRefused(anchor(gateway, new AnchorCommand(root, 0, 2, 0, Hash.ZERO)), "bad-count", "1..1048576");
        assertRefused(anchor(gateway, new AnchorCommand(root, 3, 2, 1, Hash.ZERO)), "bad-range",
                "field 'lastSeq' 2 must be at least firstSeq 3");
        assertRefused(anchor(gateway, new AnchorCommand(root, -1, 2, 4, Hash.ZERO)), "bad-range",
                "field 'firstSeq' must be >= 0");
        assertRefused(anchor(gateway, new AnchorCommand(Hash.ZERO, 0, 2, 3, Hash.ZERO)), "bad-root");
        assertRefused(anchor(gateway, new AnchorCommand(root, 0, TraceContract.MAX_BATCH_RECORDS,
                TraceContract.MAX_BATCH_RECORDS + 1L, Hash.ZERO)), "bad-count");
    }

    @Test
    void malformedPayloadsAreRefusedNamingTheField() {
        register();
        ContractResult result = run(Transaction.sign(gateway, TraceFixtures.CHAIN_ID, ++nonce, ADDRESS.toString(),
                TraceContract.ANCHOR, "{\"root\":\"zz\",\"firstSeq\":0,\"lastSeq\":0,\"count\":1,\"previousRoot\":\"00\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertRefused(result, "malformed-payload", "trace.anchor", "field 'root'");
        result = run(Transaction.sign(gateway, TraceFixtures.CHAIN_ID, ++nonce, ADDRESS.toString(),
                TraceContract.ANCHOR, "{\"firstSeq\":0}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(result, "malformed-payload", "trace.anchor");
        assertRefused(run(tx(owner, "rename", new GatewayCommand(gateway.publicKey()))), "unknown-command",
                "'rename'");
    }

    @Test
    void theOwnerReplacesTheGatewayAndTheStreamContinues() {
        register();
        assertTrue(anchor(gateway, nextBatch().anchorCommand()).ok());
        assertRefused(run(tx(gateway, TraceContract.SET_GATEWAY, new GatewayCommand(replacement.publicKey()))),
                "not-owner", "only the owner " + owner.publicKey());
        assertRefused(run(tx(owner, TraceContract.SET_GATEWAY, new GatewayCommand(gateway.publicKey()))),
                "same-gateway");
        assertTrue(run(tx(owner, TraceContract.SET_GATEWAY, new GatewayCommand(replacement.publicKey()))).ok());
        TraceBatch second = nextBatch();
        assertRefused(anchor(gateway, second.anchorCommand()), "not-gateway");
        assertTrue(anchor(replacement, second.anchorCommand()).ok());
        assertEquals(replacement.publicKey(), state().gateway());
        assertEquals(6, state().nextSequence());
    }

    @Test
    void anotherContractCannotAnchorOrRegister() {
        register();
        ContractResult relayed = block(Transaction.sign(gateway, TraceFixtures.CHAIN_ID, ++nonce, "relay",
                "forward", ContractJson.write(nextBatch().anchorCommand()))).records().get(1).result();
        assertRefused(relayed, "internal-call", "trace.anchor must be sent in a transaction signed by a key, not by"
                + " contract relay/_");
        assertEquals(0, state().nextSequence());
    }

    @Test
    void anchorsAreFoundByRootOrSequenceWhileRetained() {
        register();
        TraceBatch first = nextBatch();
        anchor(gateway, first.anchorCommand());
        TraceBatch second = nextBatch();
        anchor(gateway, second.anchorCommand());
        TraceAnchor byRoot = ContractJson.readTrusted(host.query(ADDRESS, "anchor",
                ContractJson.write(AnchorQuery.byRoot(first.root()))), TraceAnchor.class);
        assertEquals(0, byRoot.firstSeq());
        TraceAnchor bySequence = ContractJson.readTrusted(host.query(ADDRESS, "anchor",
                ContractJson.write(AnchorQuery.bySequence(4))), TraceAnchor.class);
        assertEquals(second.root(), bySequence.root());

        // The contract keeps 2 anchors here: a third pushes the first out, and state stays that size.
        anchor(gateway, nextBatch().anchorCommand());
        assertEquals(2, state().recentAnchors().size());
        assertEquals(3, state().anchoredBatches());
        ContractRefusal pruned = assertThrows(ContractRefusal.class, () -> host.query(ADDRESS, "anchor",
                ContractJson.write(AnchorQuery.bySequence(1))));
        assertEquals("no-such-anchor", pruned.code());
        assertTrue(pruned.getMessage().contains("retains the last 2 anchors (sequences 3..8)"), pruned.getMessage());
        ContractRefusal future = assertThrows(ContractRefusal.class, () -> host.query(ADDRESS, "anchor",
                ContractJson.write(AnchorQuery.bySequence(9))));
        assertEquals("not-anchored", future.code());
        ContractRefusal both = assertThrows(ContractRefusal.class, () -> host.query(ADDRESS, "anchor",
                ("{\"root\":\"" + first.root().hex() + "\",\"sequence\":1}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(both.getMessage().contains("exactly one of 'root' and 'sequence'"), both.getMessage());
        assertEquals("unknown-query", assertThrows(ContractRefusal.class,
                () -> host.query(ADDRESS, "everything", new byte[0])).code());
    }

    @Test
    void statesAndEventsRoundTripThroughTheJsonForm() {
        register();
        anchor(gateway, nextBatch().anchorCommand());
        TraceStream state = state();
        assertEquals(state, ContractJson.readTrusted(ContractJson.write(state), TraceStream.class));
        assertEquals(state, ContractJson.readTrusted(host.query(ADDRESS, "state", new byte[0]), TraceStream.class));
        TraceStream unregistered = new TraceContract().initialState("gw-1");
        assertEquals(unregistered, ContractJson.readTrusted(ContractJson.write(unregistered), TraceStream.class));
        List<TraceEvent> events = List.of(new TraceEvent.StreamRegistered(owner.publicKey(), gateway.publicKey()),
                new TraceEvent.GatewayChanged(gateway.publicKey(), replacement.publicKey()),
                new TraceEvent.BatchAnchored(state().recentAnchors().get(0)));
        for (TraceEvent event : events) {
            assertEquals(event, ContractJson.readTrusted(ContractJson.write(event), TraceEvent.class));
        }
        assertTrue(ContractJson.writeString(events.get(2)).startsWith("{\"type\":\"batch-anchored\""));
    }
}
