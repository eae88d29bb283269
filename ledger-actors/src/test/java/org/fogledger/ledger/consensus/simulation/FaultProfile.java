package org.fogledger.ledger.consensus.simulation;

/**
 * Which faulty validator a run has, besides the network and crash faults every run may have. At most one faulty
 * validator: f = 1 for n = 4; for n = 7 the others stay honest so the bound is never exceeded.
 */
public enum FaultProfile {
    /** Every validator is honest (crashes and network faults still happen). */
    NONE,
    /** Twins: two instances share one validator's key and sit in different partitions, so they equivocate. */
    TWINS,
    /** One validator follows the protocol but also sends malformed, mis-signed and unsolicited messages. */
    MALFORMED,
    /** One validator crashes at some point and never comes back, not even after the network heals. */
    SILENT
}
