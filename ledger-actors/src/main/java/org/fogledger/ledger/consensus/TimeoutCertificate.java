package org.fogledger.ledger.consensus;

import java.util.List;

/**
 * Proof that 2f+1 validators gave up on {@code round}: every honest replica that sees it may move to the next round.
 * Each signature covers (round, the signer's high QC round), as in {@link ConsensusSigning#timeout}.
 */
public record TimeoutCertificate(long round, List<TimeoutSignature> signatures) {

    public TimeoutCertificate {
        signatures = List.copyOf(signatures);
    }

    @Override
    public String toString() {
        return "TC[r" + round + " n=" + signatures.size() + "]";
    }
}
