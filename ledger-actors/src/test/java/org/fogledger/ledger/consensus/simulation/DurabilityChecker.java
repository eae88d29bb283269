package org.fogledger.ledger.consensus.simulation;

import org.fogledger.ledger.consensus.ConsensusMessage;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.Timeout;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The persist-before-vote rule: when a replica's own vote or timeout for round r leaves it, its durable safety state
 * already records a voted round of at least r. Otherwise a crash right after sending could make it vote again.
 */
final class DurabilityChecker {

    String check(String replica, PublicKey self, SafetyState durable, ConsensusMessage message) {
        long round;
        if (message instanceof Vote vote && vote.voter().equals(self)) {
            round = vote.round();
        } else if (message instanceof Timeout timeout && timeout.sender().equals(self)) {
            round = timeout.round();
        } else {
            return null;
        }
        if (durable.highestVotedRound() < round) {
            return "durability: " + replica + " sent " + message + " while its durable safety state records voted round "
                    + durable.highestVotedRound();
        }
        return null;
    }
}
