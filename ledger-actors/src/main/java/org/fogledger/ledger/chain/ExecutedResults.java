package org.fogledger.ledger.chain;

import java.util.Objects;
import org.fogledger.ledger.crypto.Hash;

/**
 * A proposer's claim, carried in every block header: "I executed the chain up to block {@code height} and its
 * results hash to {@code resultsHash}". Execution follows commit, which in a pipelined protocol lags a few blocks
 * behind proposal, so the claim names its height rather than always meaning the parent. Every validator that
 * executes that height compares, so a validator whose execution diverges is seen one commit later.
 */
public record ExecutedResults(long height, Hash resultsHash) {

    public ExecutedResults {
        if (height < 0) {
            throw new IllegalArgumentException("executed height must be >= 0, got " + height);
        }
        Objects.requireNonNull(resultsHash, "resultsHash");
    }
}
