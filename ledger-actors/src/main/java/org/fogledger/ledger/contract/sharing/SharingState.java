package org.fogledger.ledger.contract.sharing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One device's sharing: its offer (null when none stands), its open sessions, the last
 * {@value #ENDED_KEPT} ended ones (oldest first; the journal keeps them all) and totals over all of them.
 *
 * @param offersMade offers made so far: the next offer's sequence is {@code offersMade + 1}
 */
public record SharingState(String deviceId, Offer offer, long offersMade, SortedMap<String, Session> open,
                           List<Session> ended, SharingTotals totals) {

    public static final int ENDED_KEPT = 32;

    public SharingState {
        Objects.requireNonNull(deviceId, "deviceId");
        open = Collections.unmodifiableSortedMap(new TreeMap<>(open));
        ended = List.copyOf(ended);
        Objects.requireNonNull(totals, "totals");
    }

    public static SharingState initial(String deviceId) {
        return new SharingState(deviceId, null, 0, new TreeMap<>(), List.of(), SharingTotals.NONE);
    }

    /** The session with {@code id}, open or among the ended ones kept; null if there is none. */
    public Session session(String id) {
        Session session = open.get(id);
        if (session != null) {
            return session;
        }
        for (Session done : ended) {
            if (done.id().equals(id)) {
                return done;
            }
        }
        return null;
    }

    SharingState apply(SharingEvent event) {
        if (event instanceof SharingEvent.Offered e) {
            return new SharingState(deviceId, e.offer(), e.offer().sequence(), open, ended, totals);
        }
        if (event instanceof SharingEvent.Withdrawn) {
            return new SharingState(deviceId, null, offersMade, open, ended, totals);
        }
        if (event instanceof SharingEvent.SessionOpened e) {
            TreeMap<String, Session> next = new TreeMap<>(open);
            next.put(e.session().id(), e.session());
            return new SharingState(deviceId, offer, offersMade, next, ended, totals.opened());
        }
        if (event instanceof SharingEvent.Metered e) {
            TreeMap<String, Session> next = new TreeMap<>(open);
            next.put(e.sessionId(), openSession(e.sessionId()).metered(e));
            return new SharingState(deviceId, offer, offersMade, next, ended, totals.metered(e));
        }
        SharingEvent.SessionEnded e = (SharingEvent.SessionEnded) event;
        TreeMap<String, Session> next = new TreeMap<>(open);
        Session done = openSession(e.sessionId()).ended(e);
        next.remove(e.sessionId());
        List<Session> kept = new ArrayList<>(ended);
        kept.add(done);
        if (kept.size() > ENDED_KEPT) {
            kept = kept.subList(kept.size() - ENDED_KEPT, kept.size());
        }
        return new SharingState(deviceId, offer, offersMade, next, kept, totals.ended(e));
    }

    private Session openSession(String id) {
        Session session = open.get(id);
        if (session == null) {
            throw new IllegalStateException("no open session '" + id + "' on device " + deviceId);
        }
        return session;
    }
}
