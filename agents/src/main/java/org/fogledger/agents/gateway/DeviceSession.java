package org.fogledger.agents.gateway;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * One open session at a gateway: the device, the key the registry holds for it, its owner (whose consents govern
 * its data), the connection to tell when the session closes, and the per-session counters the policy needs. Plain
 * state, confined to the gateway actor; time comes in as a parameter.
 */
final class DeviceSession {
    /** The answer to one reading. */
    sealed interface ReadingOutcome {
        record Accepted() implements ReadingOutcome {
        }

        /** Refused; {@code failedAuthentication} when the reading was forged or replayed. */
        record Refused(String reason, boolean failedAuthentication) implements ReadingOutcome {
        }
    }

    final Hash sessionId;
    final String deviceId;
    final PublicKey deviceKey;
    final PublicKey owner;
    final DeviceConnection connection;
    final long openedAtHeight;
    private long lastSequence = -1;
    private int failedAuthentications;
    private long rateWindowStart = Long.MIN_VALUE;
    private int readingsInWindow;
    private long minuteWindowStart = Long.MIN_VALUE;
    private int readingsInMinute;
    /** What is enforced for this device: refreshed when a block touches {@code policy/_}. */
    DevicePolicy policy;
    /** The device's place (its policy path); null when the registry gives none. */
    final String path;
    /** The ledger's effective policy the session's {@link #policy} was mapped from; null when none was read. */
    org.fogledger.ledger.contract.policy.EffectivePolicy effective;
    /** The firmware the device's hello declared (a raised minimum closes the session). */
    String firmware = "0";
    /** A legitimacy read is under way (so notices about the device coalesce into one read). */
    boolean checking;
    /** A notice arrived while a read was under way: read again once it answers. */
    long recheckAtLeast = -1;

    DeviceSession(Hash sessionId, String deviceId, PublicKey deviceKey, PublicKey owner, DeviceConnection connection,
                  long openedAtHeight, String path, DevicePolicy policy) {
        this.path = path;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.deviceKey = Objects.requireNonNull(deviceKey, "deviceKey");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.openedAtHeight = openedAtHeight;
    }

    /** Checks a reading's origin, freshness and rate; counts a failed authentication. */
    ReadingOutcome check(SignedReading reading, DevicePolicy policy, long nowMillis) {
        if (!reading.deviceId().equals(deviceId)) {
            failedAuthentications++;
            return new ReadingOutcome.Refused("session " + sessionId.shortHex() + " belongs to device " + deviceId
                    + ", not " + reading.deviceId(), true);
        }
        if (!reading.sessionId().equals(sessionId)) {
            failedAuthentications++;
            return new ReadingOutcome.Refused("reading is for session " + reading.sessionId().shortHex() + ", not "
                    + sessionId.shortHex(), true);
        }
        if (!reading.verifiesUnder(deviceKey)) {
            failedAuthentications++;
            return new ReadingOutcome.Refused("signature does not verify under the registered key of " + deviceId,
                    true);
        }
        if (reading.sequence() <= lastSequence) {
            failedAuthentications++;
            return new ReadingOutcome.Refused("sequence " + reading.sequence() + " is not above the last accepted "
                    + lastSequence + " (a replayed reading)", true);
        }
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != rateWindowStart) {
            rateWindowStart = second;
            readingsInWindow = 0;
        }
        long minute = Math.floorDiv(nowMillis, 60_000);
        if (minute != minuteWindowStart) {
            minuteWindowStart = minute;
            readingsInMinute = 0;
        }
        String rate = policy.rateRefusal(readingsInWindow, readingsInMinute);
        if (rate != null) {
            return new ReadingOutcome.Refused(rate, false);
        }
        readingsInWindow++;
        readingsInMinute++;
        lastSequence = reading.sequence();
        return new ReadingOutcome.Accepted();
    }

    int failedAuthentications() {
        return failedAuthentications;
    }
}
