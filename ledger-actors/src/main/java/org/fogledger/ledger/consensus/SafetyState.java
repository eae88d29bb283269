package org.fogledger.ledger.consensus;

import org.fogledger.ledger.chain.QuorumCertificate;

/**
 * What a replica must never forget across a crash, or it could vote twice or abandon a lock.
 *
 * @param highestVotedRound the highest round in which this replica voted or timed out; it never votes again at or below it
 * @param lockedQc          the certificate of the head of this replica's highest 2-chain; it only votes for blocks whose
 *                          justification is at least this recent
 * @param highQc            the highest certificate this replica knows
 */
public record SafetyState(long highestVotedRound, QuorumCertificate lockedQc, QuorumCertificate highQc) {

    public static SafetyState initial(QuorumCertificate genesisQc) {
        return new SafetyState(0, genesisQc, genesisQc);
    }

    public long lockedRound() {
        return lockedQc.round();
    }

    public SafetyState withHighestVotedRound(long round) {
        return new SafetyState(Math.max(highestVotedRound, round), lockedQc, highQc);
    }

    public SafetyState withLockedQc(QuorumCertificate qc) {
        return qc.round() > lockedQc.round() ? new SafetyState(highestVotedRound, qc, highQc) : this;
    }

    public SafetyState withHighQc(QuorumCertificate qc) {
        return qc.round() > highQc.round() ? new SafetyState(highestVotedRound, lockedQc, qc) : this;
    }
}
