package org.fogledger.simulator.engine;

/**
 * Where an operation's latency is measured from. The engine measures from the intended send time; measuring from
 * the actual start is the coordinated-omission mistake (a stalled system or a late simulator hides its delay in the
 * sends it postponed). The second value exists only so a test can run the engine with that mistake and show the
 * test catches it.
 */
enum LatencyOrigin {
    INTENDED_SEND,
    ACTUAL_START
}
