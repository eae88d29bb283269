package org.fogledger.ledger.contract;

import java.util.List;
import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/**
 * What one execution tells the block's sequencer: its result, the messages to run next, and the hash of the events
 * it persisted (so the results hash covers state changes, not only answers).
 */
public record ExecutionReport(ContractResult result, List<ContractMessage> messages, Hash eventsHash) {

    public ExecutionReport {
        Objects.requireNonNull(result, "result");
        messages = List.copyOf(messages);
        Objects.requireNonNull(eventsHash, "eventsHash");
    }

    /** A failure with no events and no messages. */
    public static ExecutionReport failed(String code, String reason) {
        return new ExecutionReport(ContractResult.failed(code, reason), List.of(), Executor.NO_EVENTS);
    }
}
