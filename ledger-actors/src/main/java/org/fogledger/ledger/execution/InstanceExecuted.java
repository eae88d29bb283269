package org.fogledger.ledger.execution;

import java.util.Arrays;
import java.util.Objects;
import org.fogledger.ledger.contract.ExecutionReport;

/**
 * The one event of a contract instance's journal: execution {@code index} of block {@code height} ran here,
 * persisted {@code eventsJson} (the contract's own events, in {@code ContractJson} form) and answered
 * {@code report}. Keeping the report makes re-execution after a crash answer exactly as the first time.
 */
public record InstanceExecuted(long height, int index, byte[] eventsJson, ExecutionReport report) {

    public InstanceExecuted {
        eventsJson = Objects.requireNonNull(eventsJson, "eventsJson").clone();
        Objects.requireNonNull(report, "report");
    }

    @Override
    public byte[] eventsJson() {
        return eventsJson.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstanceExecuted that && height == that.height && index == that.index
                && Arrays.equals(eventsJson, that.eventsJson) && report.equals(that.report);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, index, Arrays.hashCode(eventsJson), report);
    }
}
