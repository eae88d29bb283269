package org.fogledger.ledger.execution;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ExecutionReport;

/**
 * A contract instance's state plus its place in the chain: the last (height, index) it applied, and the reports of
 * its executions at that height. After a crash the host re-runs the block it had not finished; an instance that
 * already applied one of that block's executions answers from {@code reportsAtLastHeight} instead of applying it
 * twice (exactly once). Immutable, since Pekko may serialise a snapshot while the actor goes on.
 */
public record InstanceState(Object contractState, long lastHeight, int lastIndex,
                            Map<Integer, ExecutionReport> reportsAtLastHeight) {

    public InstanceState {
        reportsAtLastHeight = Collections.unmodifiableMap(new TreeMap<>(reportsAtLastHeight));
    }

    public static InstanceState initial(Object contractState) {
        return new InstanceState(contractState, -1, -1, Map.of());
    }

    /** Whether execution (height, index) has already been applied here. */
    public boolean hasApplied(long height, int index) {
        return height < lastHeight || (height == lastHeight && index <= lastIndex);
    }

    public InstanceState after(Object newState, long height, int index, ExecutionReport report) {
        Map<Integer, ExecutionReport> reports = height == lastHeight ? new TreeMap<>(reportsAtLastHeight)
                : new TreeMap<>();
        reports.put(index, report);
        return new InstanceState(newState, height, index, reports);
    }
}
