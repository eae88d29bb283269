package org.fogledger.agents.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Usage a gateway has delivered on sharing sessions and not yet reported to {@code sharing/<deviceId>}: units per
 * (device, session), at most {@code maxSessions} sessions pending at once, and the report sequence, which only
 * grows (the contract accepts gaps, so one gateway-wide counter serves every session). Plain state, confined to the
 * gateway actor.
 */
final class SharingMeter {
    /** Units to report for one session. */
    record Report(String deviceId, String sessionId, long units, long reportSeq) {
    }

    private record Key(String deviceId, String sessionId) {
    }

    private final int maxSessions;
    private final long batchUnits;
    private final LinkedHashMap<Key, Long> pending = new LinkedHashMap<>();
    /** Units reported and not yet answered: until then the ledger may not count them yet. */
    private final LinkedHashMap<Key, Long> inFlight = new LinkedHashMap<>();
    private long nextReportSeq;

    /** @param firstReportSeq where report numbers start: the clock, so a restarted gateway stays above its last */
    SharingMeter(int maxSessions, long batchUnits, long firstReportSeq) {
        if (maxSessions < 1 || batchUnits < 1 || firstReportSeq < 1) {
            throw new IllegalArgumentException("maxSessions, batchUnits and firstReportSeq must be positive");
        }
        this.maxSessions = maxSessions;
        this.batchUnits = batchUnits;
        this.nextReportSeq = firstReportSeq;
    }

    /** Whether units of this session can be counted now (else the caller reports everything pending first). */
    boolean hasRoomFor(String deviceId, String sessionId) {
        return pending.size() < maxSessions || pending.containsKey(new Key(deviceId, sessionId));
    }

    /** Counts delivered units; returns the report to send now when the session's batch is full, else null. */
    Report count(String deviceId, String sessionId, long units) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sessionId, "sessionId");
        if (units < 0) {
            throw new IllegalArgumentException("units must be >= 0, got " + units);
        }
        Key key = new Key(deviceId, sessionId);
        if (!hasRoomFor(deviceId, sessionId)) {
            throw new IllegalStateException(maxSessions + " sessions already await a report");
        }
        long total = Math.addExact(pending.getOrDefault(key, 0L), units);
        if (total == 0) {
            return null;
        }
        pending.put(key, total);
        return total >= batchUnits ? take(key) : null;
    }

    /** Units that could not be reported (the submission failed): they go into the next report. */
    void restore(Report report) {
        settled(report);
        pending.merge(new Key(report.deviceId(), report.sessionId()), report.units(), Math::addExact);
    }

    /** The ledger answered the report (accepted or refused for good). */
    void settled(Report report) {
        Key key = new Key(report.deviceId(), report.sessionId());
        long left = inFlight.getOrDefault(key, 0L) - report.units();
        if (left > 0) {
            inFlight.put(key, left);
        } else {
            inFlight.remove(key);
        }
    }

    /** Every pending report, each with a fresh sequence; nothing stays pending. */
    List<Report> drainAll() {
        List<Report> reports = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            reports.add(take(key));
        }
        return reports;
    }

    /** The pending report of one session, or null when nothing is pending. */
    Report drain(String deviceId, String sessionId) {
        Key key = new Key(deviceId, sessionId);
        return pending.containsKey(key) ? take(key) : null;
    }

    /**
     * Units of one session delivered and not known to be counted by the ledger: pending, or reported and not yet
     * answered. Counting these against the session's budget may count a unit twice (the ledger counted it before
     * the answer arrived), never miss one: the gateway errs towards serving less than was paid for, not more.
     */
    long outstanding(String deviceId, String sessionId) {
        Key key = new Key(deviceId, sessionId);
        return pending.getOrDefault(key, 0L) + inFlight.getOrDefault(key, 0L);
    }

    long pendingUnits() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }

    private Report take(Key key) {
        long units = pending.remove(key);
        inFlight.merge(key, units, Math::addExact);
        return new Report(key.deviceId(), key.sessionId(), units, nextReportSeq++);
    }

    Map<String, Long> pendingByDevice() {
        Map<String, Long> out = new java.util.TreeMap<>();
        pending.forEach((key, units) -> out.merge(key.deviceId(), units, Long::sum));
        return out;
    }
}
