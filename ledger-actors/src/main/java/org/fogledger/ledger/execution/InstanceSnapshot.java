package org.fogledger.ledger.execution;

import java.util.Arrays;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.ExecutionReport;

/** The stored form of an {@link InstanceState}: the contract state as {@code ContractJson}. */
public record InstanceSnapshot(byte[] stateJson, long lastHeight, int lastIndex,
                               SortedMap<Integer, ExecutionReport> reportsAtLastHeight) {

    public InstanceSnapshot {
        stateJson = Objects.requireNonNull(stateJson, "stateJson").clone();
        reportsAtLastHeight = new TreeMap<>(reportsAtLastHeight);
    }

    @Override
    public byte[] stateJson() {
        return stateJson.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstanceSnapshot that && lastHeight == that.lastHeight
                && lastIndex == that.lastIndex && Arrays.equals(stateJson, that.stateJson)
                && reportsAtLastHeight.equals(that.reportsAtLastHeight);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(stateJson), lastHeight, lastIndex, reportsAtLastHeight);
    }
}
