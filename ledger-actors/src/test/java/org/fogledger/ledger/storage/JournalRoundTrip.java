package org.fogledger.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.slf4j.LoggerFactory;

/**
 * The scenario both journal tests run: persist in one ActorSystem, stop it, recover in a new one on the same
 * storage. Each ActorSystem gets its configuration the way a node does: {@link JournalSettings#prepare}.
 */
final class JournalRoundTrip {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static {
        // No logback-test.xml in this module; keep the JDBC stack's DEBUG output out of the test log.
        for (String name : new String[] {"slick", "com.zaxxer.hikari", "org.h2", "org.postgresql",
                "org.apache.pekko"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        }
    }

    private JournalRoundTrip() {
    }

    static Config nodeConfig(String node, StorageChoice choice) {
        return ConfigFactory.parseString("pekko.loglevel = INFO")
                .withFallback(JournalSettings.prepare(node, choice));
    }

    /** A running ActorSystem with one counter; closes its ActorSystem on {@link #close()}. */
    static final class Node implements AutoCloseable {
        final ActorTestKit kit;
        final ActorRef<Counter.Command> counter;
        final TestProbe<Object> signals;
        final AtomicInteger eventsApplied = new AtomicInteger();

        Node(String node, StorageChoice choice, String counterId, int snapshotEvery) {
            kit = ActorTestKit.create(node, nodeConfig(node, choice));
            signals = kit.createTestProbe();
            counter = kit.spawn(Counter.create(counterId, eventsApplied, signals.ref(), snapshotEvery));
            assertInstanceOf(RecoveryCompleted.class, nextSignal());
        }

        long add(long amount) {
            TestProbe<Long> reply = kit.createTestProbe();
            counter.tell(new Counter.Add(amount, reply.ref()));
            return reply.receiveMessage(TIMEOUT);
        }

        long get() {
            TestProbe<Long> reply = kit.createTestProbe();
            counter.tell(new Counter.Get(reply.ref()));
            return reply.receiveMessage(TIMEOUT);
        }

        /** Waits for the next snapshot to be stored; returns its sequence number. */
        long awaitSnapshot() {
            Object signal = nextSignal();
            while (!(signal instanceof SnapshotCompleted)) {
                assertInstanceOf(DeleteEventsCompleted.class, signal, "unexpected signal");
                signal = nextSignal();
            }
            return ((SnapshotCompleted) signal).metadata().sequenceNr();
        }

        private Object nextSignal() {
            return assertInstanceOf(Counter.Seen.class, signals.receiveMessage(TIMEOUT)).signal();
        }

        @Override
        public void close() {
            kit.shutdownTestKit();
        }
    }

    /** Persists 1..5 in one system, recovers 15 in a second, adds 10 there, recovers 25 in a third. */
    static void eventsSurviveRestart(String node, StorageChoice choice) {
        String id = "events";
        try (Node first = new Node(node, choice, id, 0)) {
            long total = 0;
            for (long i = 1; i <= 5; i++) {
                total = first.add(i);
            }
            assertEquals(15L, total);
        }
        try (Node second = new Node(node, choice, id, 0)) {
            assertEquals(15L, second.get(), "state recovered from the journal");
            assertEquals(5, second.eventsApplied.get(), "all five events replayed");
            assertEquals(25L, second.add(10));
        }
        try (Node third = new Node(node, choice, id, 0)) {
            assertEquals(25L, third.get());
            assertEquals(6, third.eventsApplied.get());
        }
    }

    /**
     * Snapshot every 5 events; 12 events of 1 each. A new system recovers 12 from the snapshot at 10 plus the
     * two later events, replaying only those two.
     */
    static void snapshotsSurviveRestart(String node, StorageChoice choice) {
        String id = "snapshots";
        try (Node first = new Node(node, choice, id, 5)) {
            for (int i = 1; i <= 12; i++) {
                first.add(1);
            }
            assertEquals(5L, first.awaitSnapshot());
            assertEquals(10L, first.awaitSnapshot());
        }
        try (Node second = new Node(node, choice, id, 5)) {
            assertEquals(12L, second.get(), "state recovered from snapshot + events");
            assertEquals(2, second.eventsApplied.get(), "only the events after the snapshot at 10 replayed");
        }
    }
}
