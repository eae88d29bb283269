package org.fogledger.ledger.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.fogledger.ledger.contract.BlockExecution;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.contract.ExecutionReport;
import org.fogledger.ledger.contract.Invocation;

/**
 * Drives one dry run: a one-transaction {@link BlockExecution} at the height after the last executed one, each
 * invocation run by its instance through the host ({@code DryRunStep}) without being persisted. A thin shell: the
 * order, the limits and the handling of unknown contracts are {@code BlockExecution}'s, as in a real block.
 */
final class DryRunner {
    /** An instance that does not answer (stopped by passivation meanwhile) ends the dry run with "unavailable". */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    sealed interface Message {
    }

    private record Reported(ExecutionReport report) implements Message {
    }

    private enum TimedOut implements Message {
        INSTANCE
    }

    private DryRunner() {
    }

    static Behavior<Message> create(BlockExecution execution, long executedHeight,
                                    ActorRef<ContractHost.Command> host, ActorRef<DryRunResult> replyTo) {
        return Behaviors.setup(context -> {
            ActorRef<ExecutionReport> reports = context.messageAdapter(ExecutionReport.class, Reported::new);
            context.setReceiveTimeout(STEP_TIMEOUT, TimedOut.INSTANCE);
            Invocation first = execution.next();
            if (first == null) {
                replyTo.tell(result(execution.results(), executedHeight));
                return Behaviors.stopped();
            }
            host.tell(new ContractHost.DryRunStep(first, reports));
            return Behaviors.receive(Message.class)
                    .onMessageEquals(TimedOut.INSTANCE, () -> {
                        replyTo.tell(DryRunResult.refused("unavailable", "an instance did not answer the dry run"
                                + " within " + STEP_TIMEOUT.toSeconds() + " s; try again"));
                        return Behaviors.stopped();
                    })
                    .onMessage(Reported.class, reported -> {
                        execution.complete(reported.report());
                        Invocation next = execution.next();
                        if (next == null) {
                            replyTo.tell(result(execution.results(), executedHeight));
                            return Behaviors.stopped();
                        }
                        host.tell(new ContractHost.DryRunStep(next, reports));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static DryRunResult result(BlockResults results, long executedHeight) {
        List<DryRunResult.Step> steps = new ArrayList<>(results.records().size());
        for (ExecutionRecord record : results.records()) {
            steps.add(new DryRunResult.Step(record.index(), record.internal(), record.address(), record.command(),
                    record.result().ok(), record.result().code(), record.result().data()));
        }
        return new DryRunResult(executedHeight, steps, null, null);
    }
}
