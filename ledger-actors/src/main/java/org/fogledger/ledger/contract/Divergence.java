package org.fogledger.ledger.contract;

import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Block {@code height}'s results as this host computed them ({@code ours}) differ from what {@code claimant}
 * claimed in the header of block {@code claimedIn}. Either this host or the claimant executed differently.
 */
public record Divergence(long height, Hash ours, Hash claimed, PublicKey claimant, long claimedIn) {

    @Override
    public String toString() {
        return "results of block " + height + " diverge: ours " + ours.shortHex() + ", " + claimant
                + " claimed " + claimed.shortHex() + " in block " + claimedIn;
    }
}
