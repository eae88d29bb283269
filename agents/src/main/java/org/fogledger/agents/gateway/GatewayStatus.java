package org.fogledger.agents.gateway;

import java.util.List;
import java.util.SortedMap;
import org.fogledger.ledger.contract.trace.TraceRecord;

/**
 * What a gateway reports about itself.
 *
 * @param openSessions          device id to session id (hex) of every open session
 * @param closedSessions        sessions the gateway closed (blocked, quarantined, replaced), since it started
 * @param failedAuthentications forged or replayed hellos and readings, since it started
 * @param noticesReceived       executed-block notices received (from every followed validator)
 * @param traceNextSequence     the sequence the next trace record gets (records so far, from the stream's start)
 * @param tracePending          records not yet sealed into a batch
 * @param traceAwaitingAnchor   sealed batches not yet anchored
 * @param anchoredBatches       batches this gateway anchored since it started
 * @param recentTrace           the last records, oldest first (at most 64)
 * @param unitsMetered          sharing units reported and accepted by the ledger since it started
 * @param unitsPending          sharing units delivered and not yet reported
 * @param sessionPolicies       device id to the ledger policies enforced on its open session
 */
public record GatewayStatus(String gatewayId, SortedMap<String, String> openSessions, long closedSessions,
                            long failedAuthentications, long noticesReceived, long traceNextSequence,
                            int tracePending, int traceAwaitingAnchor, long anchoredBatches,
                            List<TraceRecord> recentTrace, long unitsMetered, long unitsPending,
                            SortedMap<String, List<String>> sessionPolicies) {
}
