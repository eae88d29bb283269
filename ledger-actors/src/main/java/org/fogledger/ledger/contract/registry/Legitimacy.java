package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/**
 * The answer of query {@code legitimacy}: the verdict, a reason a person can read, and the declaration that decided
 * it (null only for a device that is not registered).
 */
public record Legitimacy(String deviceId, Verdict verdict, String reason, Phase phase, String location,
                         HistoryEntry decidedBy) {

    public Legitimacy {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
