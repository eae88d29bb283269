package org.fogledger.ledger.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionReport;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.TallyContract;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.SignatureScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractInstanceTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
            .withFallback(PersistenceTestKitSnapshotPlugin.config())
            .withFallback(ConfigFactory.load()));
    private static final ContractAddress ADDRESS = ContractAddress.parse("tally/meter-7");
    private static final KeyPair SENDER = KeyPair.fromPrivateKey(SignatureScheme.ED25519, new byte[32]);

    private EventSourcedBehaviorTestKit<ContractInstance.Command, InstanceExecuted, InstanceState> kit;

    @BeforeEach
    void setUp() {
        // Events go through the real serializer binding (ContractJournalSerializer) and must read back equal.
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(),
                ContractInstance.create("host-a", ADDRESS, new TallyContract(), ExecutionLimits.DEFAULT, 2),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false)
                        .withVerifyState(false));
        kit.clear();
    }

    @AfterAll
    static void tearDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static Invocation add(long height, int index, String name, long amount) {
        String json = "{\"name\":\"" + name + "\",\"amount\":" + amount + "}";
        return new Invocation(ADDRESS, "add", json.getBytes(StandardCharsets.UTF_8),
                new ExecutionContext(height, index, 0, SENDER.publicKey(), null, Hash.ZERO));
    }

    private ExecutionReport execute(Invocation invocation) {
        return kit.<ExecutionReport>runCommand(replyTo -> new ContractInstance.Execute(invocation, replyTo))
                .reply();
    }

    private static long tally(InstanceState state, String name) {
        return ((TallyContract.Tallies) state.contractState()).counts().getOrDefault(name, 0L);
    }

    @Test
    void anExecutionPersistsOneEventAndAnswersWithItsReport() {
        var result = kit.<ExecutionReport>runCommand(replyTo -> new ContractInstance.Execute(add(1, 0, "kwh", 5),
                replyTo));

        assertEquals("added", result.reply().result().code());
        assertEquals(1, result.events().size());
        assertEquals(5, tally(result.state(), "kwh"));
        assertEquals(1, result.state().lastHeight());
    }

    @Test
    void aRefusedExecutionIsRememberedButChangesNothing() {
        execute(add(1, 0, "kwh", 5));
        ExecutionReport refused = execute(add(1, 1, "kwh", -9));

        assertFalse(refused.result().ok());
        assertEquals("negative-tally", refused.result().code());
        assertEquals(5, tally(kit.getState(), "kwh"));
    }

    @Test
    void anExecutionAskedAgainAfterACrashIsAnsweredFromTheJournalNotAppliedTwice() {
        ExecutionReport first = execute(add(3, 4, "kwh", 5));
        kit.restart();

        var again = kit.<ExecutionReport>runCommand(replyTo -> new ContractInstance.Execute(add(3, 4, "kwh", 5),
                replyTo));

        assertEquals(first, again.reply());
        assertTrue(again.events().isEmpty());
        assertEquals(5, tally(again.state(), "kwh"));
    }

    @Test
    void recoveryFromSnapshotAndEventsRestoresTheSameState() {
        for (int i = 0; i < 5; i++) {
            execute(add(10 + i, 0, i % 2 == 0 ? "kwh" : "litres", i + 1));
        }
        InstanceState before = kit.getState();

        InstanceState after = kit.restart().state();

        assertEquals(new TreeMap<>(((TallyContract.Tallies) before.contractState()).counts()),
                new TreeMap<>(((TallyContract.Tallies) after.contractState()).counts()));
        assertEquals(before.lastHeight(), after.lastHeight());
        assertEquals(before.reportsAtLastHeight(), after.reportsAtLastHeight());
        assertEquals(9, tally(after, "kwh"));
    }

    @Test
    void queriesReadTheStateAndRefusalsSayWhy() {
        execute(add(1, 0, "kwh", 5));

        var state = kit.<ContractInstance.QueryAnswer>runCommand(replyTo -> new ContractInstance.Query("state",
                new byte[0], replyTo)).reply();
        var unknown = kit.<ContractInstance.QueryAnswer>runCommand(replyTo -> new ContractInstance.Query("nope",
                new byte[0], replyTo)).reply();

        assertEquals("{\"counts\":{\"kwh\":5}}", new String(state.json(), StandardCharsets.UTF_8));
        assertEquals("unknown-query", unknown.code());
        assertFalse(unknown.ok());
    }
}
