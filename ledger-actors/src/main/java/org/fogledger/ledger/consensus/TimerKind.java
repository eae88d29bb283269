package org.fogledger.ledger.consensus;

/** The replica's timers. Each is identified by kind and round, so a timer of a round already left is ignored. */
public enum TimerKind {
    /** The round took too long: time out (and keep re-sending the timeout until the round changes). */
    ROUND_TIMEOUT,
    /** A leader with nothing to order proposes an empty block after a short delay, to keep the chain moving. */
    IDLE_PROPOSAL
}
