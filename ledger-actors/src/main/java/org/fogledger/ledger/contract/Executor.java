package org.fogledger.ledger.contract;

import java.util.List;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.crypto.Hash;

/**
 * Runs one invocation of contract logic within its limits; the one place that decides what a failure does, for the
 * in-memory host and the actor host alike. A refusal, an exhausted budget, a limit crossed or an exception in the
 * contract all fail that invocation alone: its events are dropped, the state is unchanged, no message leaves.
 */
public final class Executor {
    /** The events hash of an execution that persisted nothing. */
    public static final Hash NO_EVENTS = eventsHash(List.of(), Object.class);

    private Executor() {
    }

    @SuppressWarnings("unchecked")
    public static <S, E> InstanceTransition<S> run(Contract<S, E> contract, Object state, Invocation invocation,
                                                   ExecutionLimits limits) {
        S current = (S) state;
        StepMeter meter = new StepMeter(limits.stepsPerExecution());
        Outcome<E> outcome;
        try {
            outcome = contract.handle(current, invocation, meter);
        } catch (ContractRefusal refusal) {
            return unchanged(current, refusal.toResult());
        } catch (StepBudgetExceeded exceeded) {
            return unchanged(current, ContractResult.failed("step-budget-exceeded", exceeded.getMessage()));
        } catch (RuntimeException bug) {
            return unchanged(current, ContractResult.failed("contract-error",
                    contract.name() + "." + invocation.command() + " threw " + bug.getClass().getSimpleName()
                            + (bug.getMessage() == null ? "" : ": " + bug.getMessage())));
        }
        if (outcome.events().size() > limits.maxEventsPerExecution()) {
            return unchanged(current, ContractResult.failed("too-many-events", outcome.events().size()
                    + " events exceed the limit of " + limits.maxEventsPerExecution() + " per execution"));
        }
        if (outcome.messages().size() > limits.maxMessagesPerExecution()) {
            return unchanged(current, ContractResult.failed("too-many-messages", outcome.messages().size()
                    + " messages exceed the limit of " + limits.maxMessagesPerExecution() + " per execution"));
        }
        if (outcome.result().data().length > limits.maxResultBytes()) {
            return unchanged(current, ContractResult.failed("result-too-large", "result of "
                    + outcome.result().data().length + " bytes exceeds the limit of " + limits.maxResultBytes()));
        }
        if (!outcome.result().ok() && !outcome.events().isEmpty()) {
            // A failed execution changes nothing: a contract that reports failure must not also persist.
            return unchanged(current, outcome.result());
        }
        S next = current;
        try {
            for (E event : outcome.events()) {
                next = contract.apply(next, event);
            }
        } catch (RuntimeException bug) {
            return unchanged(current, ContractResult.failed("contract-error", contract.name()
                    + " could not apply its own event: " + bug.getClass().getSimpleName()
                    + (bug.getMessage() == null ? "" : ": " + bug.getMessage())));
        }
        return new InstanceTransition<>(next, outcome.events(),
                new ExecutionReport(outcome.result(), outcome.messages(),
                        eventsHash(outcome.events(), contract.eventType())));
    }

    /** SHA-256 over the canonical JSON of the events, in the stored-event domain. */
    public static Hash eventsHash(List<?> events, Class<?> eventType) {
        return Domain.STORED_EVENT.hash(ContractJson.writeList(events, eventType));
    }

    private static <S> InstanceTransition<S> unchanged(S state, ContractResult result) {
        return new InstanceTransition<>(state, List.of(), new ExecutionReport(result, List.of(), NO_EVENTS));
    }
}
