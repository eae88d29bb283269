package org.fogledger.ledger.contract;

import java.util.List;
import java.util.Objects;

/**
 * What contract logic decides for one invocation: the events to persist (applied in order with
 * {@link Contract#apply}), the result to answer, and the messages to send to other contracts.
 */
public record Outcome<E>(List<E> events, ContractResult result, List<ContractMessage> messages) {

    public Outcome {
        events = List.copyOf(events);
        Objects.requireNonNull(result, "result");
        messages = List.copyOf(messages);
    }

    @SafeVarargs
    public static <E> Outcome<E> of(ContractResult result, E... events) {
        return new Outcome<>(List.of(events), result, List.of());
    }

    public static <E> Outcome<E> answer(ContractResult result) {
        return new Outcome<>(List.of(), result, List.of());
    }

    public Outcome<E> withMessages(List<ContractMessage> more) {
        List<ContractMessage> all = new java.util.ArrayList<>(messages);
        all.addAll(more);
        return new Outcome<>(events, result, all);
    }
}
