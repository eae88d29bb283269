package org.fogledger.ledger.contract.registry;

import java.util.Objects;

/**
 * A lifecycle declaration was accepted and led to {@code phase}. The phase is recorded, not recomputed on replay, so
 * a later change to {@link Transitions} never rewrites the past.
 */
public record LifecycleDeclared(HistoryEntry entry, Phase phase) implements DeviceEvent {

    public LifecycleDeclared {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(phase, "phase");
    }
}
