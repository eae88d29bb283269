package org.fogledger.simulator.fleet;

/**
 * Where a simulated device is in its life, as far as the simulator knows from the answers the system gave. The
 * order matters: {@link Fleet} keeps the devices of each stage in one contiguous segment of a permutation, in this
 * order, so that stages next to each other ({@link #OPERATIONAL} and {@link #CONSENTED}: both admitted) can be picked
 * from as one range.
 */
public enum DeviceStage {
    /** Not on the registry yet. */
    UNREGISTERED,
    /** Registered on the registry, not yet installed (not admitted by gateways). */
    REGISTERED,
    /** Installed: gateways admit it; no consent in force for the simulated third party. */
    OPERATIONAL,
    /** Installed, and its owner's consent lets the simulated third party access its data. */
    CONSENTED,
    /** Declared stolen, or blocked by an agent's decision: gateways must refuse it. */
    BLOCKED,
    /** Declared obsolete (one-way): gateways must refuse it. */
    RETIRED,
    /**
     * Taken by an operation in flight: no other operation picks it until the first puts it back, so operations on one
     * device never interleave (a reading's sequence, a consent being withdrawn while data is asked for).
     */
    BUSY;

    static final DeviceStage[] ALL = values();
}
