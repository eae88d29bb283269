package org.fogledger.agents.gateway;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/**
 * The challenges a gateway has issued and not yet seen used: each is good for one hello of the device it was issued
 * to, until it expires. Bounded: beyond {@code capacity} outstanding challenges the oldest is forgotten (its device
 * asks again). Plain state, confined to the gateway actor; time comes in as a parameter.
 */
final class Challenges {
    private record Issued(String deviceId, long expiresAtMillis) {
    }

    private final LinkedHashMap<Hash, Issued> outstanding = new LinkedHashMap<>();
    private final int capacity;
    private final long lifetimeMillis;

    Challenges(int capacity, long lifetimeMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    void issue(Hash challenge, String deviceId, long nowMillis) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(deviceId, "deviceId");
        expire(nowMillis);
        outstanding.put(challenge, new Issued(deviceId, nowMillis + lifetimeMillis));
        while (outstanding.size() > capacity) {
            Iterator<Map.Entry<Hash, Issued>> oldest = outstanding.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Uses up {@code challenge} for {@code deviceId}: null if it was outstanding for that device, else why the hello
     * is refused. A challenge is consumed even when the rest of the hello later fails, so it is never good twice.
     */
    String consume(Hash challenge, String deviceId, long nowMillis) {
        expire(nowMillis);
        Issued issued = outstanding.remove(challenge);
        if (issued == null) {
            return "unknown, used or expired challenge " + challenge.shortHex() + " (a hello is good once, within "
                    + lifetimeMillis + " ms of its challenge)";
        }
        if (!issued.deviceId().equals(deviceId)) {
            return "challenge " + challenge.shortHex() + " was issued to another device";
        }
        return null;
    }

    int outstanding() {
        return outstanding.size();
    }

    private void expire(long nowMillis) {
        outstanding.values().removeIf(issued -> issued.expiresAtMillis() <= nowMillis);
    }
}
