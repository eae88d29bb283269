package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.Map;

/**
 * What {@link SimulatedSystem#provision} did: how many devices it brought into service, how many registrations
 * failed (by error kind), and how long it took.
 */
public record Provisioned(int requested, int operational, int failed, Map<String, Integer> failures,
                          Duration took) {

    public Provisioned {
        failures = Map.copyOf(failures);
    }

    /** Devices brought into service per second. */
    public double perSecond() {
        return took.isZero() ? 0 : operational / (took.toNanos() / 1e9);
    }
}
