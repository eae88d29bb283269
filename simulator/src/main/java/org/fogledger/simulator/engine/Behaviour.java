package org.fogledger.simulator.engine;

import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;

/**
 * One kind of thing a simulated device or party does against the system under test (register a device, send a
 * reading, grant a consent, ask for data, forge a signature, ...). The engine decides when operations start, from
 * the scenario's open-model injection; a behaviour decides what one operation is and whether its answer is the one
 * the system should give.
 *
 * <p>{@link #start} must return quickly (no blocking: it sends and returns the pending answer) and must never
 * throw: whatever goes wrong is an {@link Outcome.Failed}. It may find nothing to do (no device in the right
 * stage yet) and answer {@link Outcome.Skipped} at once.
 */
public interface Behaviour {

    /** The operation kind's name in reports and thresholds, lower-case with dashes: {@code telemetry}. */
    String kind();

    /**
     * Starts one operation.
     *
     * @param random the engine's random source for this operation (a split of the run's seeded source), so a run
     *               with the same seed picks the same devices
     */
    CompletionStage<Outcome> start(SplittableRandom random);
}
