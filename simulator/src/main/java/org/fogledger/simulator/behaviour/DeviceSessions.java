package org.fogledger.simulator.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fogledger.agents.gateway.DeviceHello;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.SignedReading;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.fleet.Fleet;

/**
 * The sessions simulated devices hold at the gateway: session id, the transport it was opened on, and the next
 * reading's sequence. Bounded: beyond the limit an arbitrary session is forgotten (its device says hello again when
 * it next sends; the gateway replaces a device's session on a new hello anyway). A device is used by one operation
 * at a time (the fleet's claims), so an entry is never shared by two.
 */
final class DeviceSessions {
    /** Heart rate, LOINC 8867-4: what the simulated devices measure, and what consents are about. */
    static final Coding HEART_RATE = Coding.of("http://loinc.org", "8867-4");
    static final String FIRMWARE = "1.0.0";

    /** An open session of one device. */
    static final class Session {
        final Hash id;
        final String transport;
        long nextSequence;

        Session(Hash id, String transport) {
            this.id = id;
            this.transport = transport;
        }
    }

    /** The session a hello opened, or the gateway's refusal. */
    record Opened(Session session, String refusal) {
    }

    private final Fleet fleet;
    private final int limit;
    /** Told of each session the table forgets to make room, so the gateway can end it too. */
    private final java.util.function.Consumer<Session> evicted;
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger readings = new AtomicInteger();

    DeviceSessions(Fleet fleet, int limit, java.util.function.Consumer<Session> evicted) {
        this.fleet = fleet;
        this.limit = limit;
        this.evicted = evicted;
    }

    /** The device's open session on {@code port}'s transport, opening one if it has none. */
    CompletionStage<Opened> session(int device, GatewayPort port) {
        Session open = sessions.get(device);
        if (open != null && open.transport.equals(port.transport())) {
            return CompletableFuture.completedFuture(new Opened(open, null));
        }
        return open(device, port);
    }

    /** Opens a new session (the gateway replaces an older one of the device). */
    CompletionStage<Opened> open(int device, GatewayPort port) {
        String deviceId = fleet.deviceId(device);
        KeyPair key = fleet.deviceKey(device);
        return hello(port, deviceId, key).thenApply(answer -> {
            if (answer instanceof Gateway.SessionAnswer.Opened opened) {
                Session session = new Session(opened.sessionId(), port.transport());
                if (sessions.size() >= limit) {
                    sessions.keySet().stream().findAny().map(sessions::remove).ifPresent(evicted);
                }
                sessions.put(device, session);
                return new Opened(session, null);
            }
            sessions.remove(device);
            return new Opened(null, ((Gateway.SessionAnswer.Refused) answer).reason());
        });
    }

    /** Asks for a challenge and answers it with a hello signed by {@code key}. */
    static CompletionStage<Gateway.SessionAnswer> hello(GatewayPort port, String deviceId, KeyPair key) {
        return port.challenge(deviceId).thenCompose(challenge -> port.hello(DeviceHello.sign(key, deviceId,
                challenge.gatewayId(), challenge.challenge(), System.currentTimeMillis(), FIRMWARE)));
    }

    /** Forgets the device's session; returns it, or null. */
    Session forget(int device) {
        return sessions.remove(device);
    }

    boolean hasSession(int device, String transport) {
        Session open = sessions.get(device);
        return open != null && open.transport.equals(transport);
    }

    /** The device's next reading in {@code session}, signed with {@code key} (the device's own, or a forger's). */
    SignedReading nextReading(int device, Session session, KeyPair key) {
        int value = 60 + Math.floorMod(readings.incrementAndGet() * 31 + device, 60);
        return SignedReading.sign(key, fleet.deviceId(device), session.id, session.nextSequence++, HEART_RATE,
                System.currentTimeMillis(), Integer.toString(value).getBytes(StandardCharsets.UTF_8));
    }
}
