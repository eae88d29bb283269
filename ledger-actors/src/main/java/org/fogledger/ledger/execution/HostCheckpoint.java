package org.fogledger.ledger.execution;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.fogledger.ledger.chain.ExecutedResults;

/**
 * The contract host's durable checkpoint: the last block it executed completely and that block's results hash.
 * After a crash the host resumes at the next block; instances that ran part of it answer from their journals.
 */
public final class HostCheckpoint
        extends EventSourcedBehavior<HostCheckpoint.Command, HostCheckpoint.BlockExecuted, ExecutedResults> {

    public sealed interface Command {
    }

    public record Record(ExecutedResults results, ActorRef<Recorded> replyTo) implements Command {
    }

    /** The answer to {@link Record}: durable. (Its own type: a host adapts each reply type once.) */
    public record Recorded(ExecutedResults results) {
    }

    public record Get(ActorRef<ExecutedResults> replyTo) implements Command {
    }

    /** Event: block {@code results.height()} is executed. Its own serializer binding (JSON). */
    public record BlockExecuted(ExecutedResults results) {
        public BlockExecuted {
            Objects.requireNonNull(results, "results");
        }
    }

    private final ExecutedResults start;

    private HostCheckpoint(String hostId, ExecutedResults start) {
        super(PersistenceId.of("contract-host", hostId));
        this.start = start;
    }

    /** @param start what the host has executed before any block: genesis' claim */
    public static Behavior<Command> create(String hostId, ExecutedResults start) {
        return new HostCheckpoint(hostId, start);
    }

    @Override
    public ExecutedResults emptyState() {
        return start;
    }

    @Override
    public CommandHandler<Command, BlockExecuted, ExecutedResults> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Record.class, (state, record) -> Effect().persist(new BlockExecuted(record.results()))
                        .thenReply(record.replyTo(), after -> new Recorded(after)))
                .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), state))
                .build();
    }

    @Override
    public EventHandler<ExecutedResults, BlockExecuted> eventHandler() {
        return (state, event) -> event.results();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Only the last event matters; a snapshot every 100 blocks keeps recovery to a handful of events, and
        // deleting older events keeps the table from growing with the chain.
        return RetentionCriteria.snapshotEvery(100, 1).withDeleteEventsOnSnapshot();
    }
}
