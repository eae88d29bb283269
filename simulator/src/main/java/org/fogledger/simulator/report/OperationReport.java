package org.fogledger.simulator.report;

import java.util.List;
import java.util.Map;

/**
 * One kind of operation (register, telemetry, consent-grant, ...) over a whole run.
 *
 * @param kind         the operation kind's name
 * @param sent         operations started
 * @param ok           operations that ended as the scenario expected
 * @param failed       operations that ended otherwise (refused unexpectedly, timed out, transport errors)
 * @param errorsByKind failed operations by error kind (for example "timeout", "refused:not-registered")
 * @param latency      latency over the whole run, measured from each operation's intended send time
 * @param series       one entry per interval of {@link RunReport#bucketMillis()}, from the start of the run
 */
public record OperationReport(String kind, long sent, long ok, long failed, Map<String, Long> errorsByKind,
                              Percentiles latency, List<IntervalStats> series) {

    public OperationReport {
        errorsByKind = Map.copyOf(errorsByKind);
        series = List.copyOf(series);
    }

    /** Failed over sent, 0 when nothing was sent. */
    public double errorRate() {
        return sent == 0 ? 0 : (double) failed / sent;
    }
}
