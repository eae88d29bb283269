package org.fogledger.ledger.contract;

import java.util.List;

/** One execution on one instance: the state after it, the events that led there, and the report. */
public record InstanceTransition<S>(S state, List<?> events, ExecutionReport report) {

    public InstanceTransition {
        events = List.copyOf(events);
    }
}
