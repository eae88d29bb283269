package org.fogledger.agents.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fogledger.ledger.contract.consent.Coding;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The readings a gateway holds for third parties: the most recent {@code perDevice} of each device, for at most
 * {@code devices} devices (the least recently written forgotten first), with the owner whose consents govern them.
 * Readings outlive the session that brought them. Plain state, confined to the gateway actor.
 */
final class HeldReadings {
    private record Held(PublicKey owner, String path, Deque<SignedReading> readings) {
    }

    private final int perDevice;
    private final int devices;
    private final LinkedHashMap<String, Held> byDevice = new LinkedHashMap<>(16, 0.75f, true);

    HeldReadings(int perDevice, int devices) {
        this.perDevice = perDevice;
        this.devices = devices;
    }

    /** @param path the device's place when the reading came in (its policies govern the data); may be null */
    void add(PublicKey owner, String path, SignedReading reading) {
        Held held = byDevice.computeIfAbsent(reading.deviceId(), id -> new Held(owner, path, new ArrayDeque<>()));
        held.readings().addLast(reading);
        while (held.readings().size() > perDevice) {
            held.readings().removeFirst();
        }
        while (byDevice.size() > devices) {
            Iterator<Map.Entry<String, Held>> eldest = byDevice.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** The owner of the device's held data, or null when nothing is held for it. */
    PublicKey owner(String deviceId) {
        Held held = byDevice.get(deviceId);
        return held == null ? null : held.owner();
    }

    /** The device's place when its readings came in; null when unknown or none held. */
    String path(String deviceId) {
        Held held = byDevice.get(deviceId);
        return held == null ? null : held.path();
    }

    /** The held readings of the device of that data class (compared by system and code), oldest first. */
    List<SignedReading> of(String deviceId, Coding dataClass) {
        Held held = byDevice.get(deviceId);
        List<SignedReading> found = new ArrayList<>();
        if (held != null) {
            for (SignedReading reading : held.readings()) {
                if (reading.dataClass().is(dataClass.system(), dataClass.code())) {
                    found.add(reading);
                }
            }
        }
        return found;
    }
}
