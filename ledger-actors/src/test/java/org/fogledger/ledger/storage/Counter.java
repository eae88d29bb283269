package org.fogledger.ledger.storage;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Test-only event-sourced counter. Events and state are {@code java.lang.Long}, which Pekko serializes with its
 * built-in LongSerializer (Java serialization is off in this project). Commands stay in one JVM.
 */
final class Counter extends EventSourcedBehavior<Counter.Command, Long, Long> {
    interface Command {
    }

    /** Adds {@code amount}; replies with the new total once the event is stored. */
    record Add(long amount, ActorRef<Long> replyTo) implements Command {
    }

    /** Replies with the current total. */
    record Get(ActorRef<Long> replyTo) implements Command {
    }

    /**
     * A signal the counter received, wrapped: a Pekko {@code Signal} sent as a plain message is not delivered to
     * a test probe.
     */
    record Seen(Object signal) {
    }

    private final AtomicInteger eventsApplied;
    private final ActorRef<Object> signals;
    private final int snapshotEvery;

    /**
     * @param eventsApplied counts event-handler calls; in a fresh ActorSystem, before any command, it is the
     *     number of events replayed by recovery
     * @param signals receives, each wrapped in {@link Seen}, {@link RecoveryCompleted}, {@link SnapshotCompleted}, {@link SnapshotFailed} and
     *     {@link DeleteEventsCompleted}
     * @param snapshotEvery 0 for no snapshots
     */
    static Behavior<Command> create(String id, AtomicInteger eventsApplied, ActorRef<Object> signals,
            int snapshotEvery) {
        return new Counter(id, eventsApplied, signals, snapshotEvery);
    }

    private Counter(String id, AtomicInteger eventsApplied, ActorRef<Object> signals, int snapshotEvery) {
        super(PersistenceId.of("Counter", id));
        this.eventsApplied = eventsApplied;
        this.signals = signals;
        this.snapshotEvery = snapshotEvery;
    }

    @Override
    public Long emptyState() {
        return 0L;
    }

    @Override
    public CommandHandler<Command, Long, Long> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, (state, add) -> Effect().persist(add.amount())
                        .thenRun(newState -> add.replyTo().tell(newState)))
                .onCommand(Get.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s)))
                .build();
    }

    @Override
    public EventHandler<Long, Long> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onEvent(Long.class, (state, event) -> {
            eventsApplied.incrementAndGet();
            return state + event;
        }).build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return snapshotEvery > 0 ? RetentionCriteria.snapshotEvery(snapshotEvery, 2) : RetentionCriteria.disabled();
    }

    @Override
    public SignalHandler<Long> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.class, (state, s) -> signals.tell(new Seen(s)))
                .onSignal(SnapshotCompleted.class, (state, s) -> signals.tell(new Seen(s)))
                .onSignal(SnapshotFailed.class, (state, s) -> signals.tell(new Seen(s)))
                .onSignal(DeleteEventsCompleted.class, (state, s) -> signals.tell(new Seen(s)))
                .build();
    }
}
