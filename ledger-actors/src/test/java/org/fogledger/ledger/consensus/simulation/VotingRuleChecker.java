package org.fogledger.ledger.consensus.simulation;

import java.util.HashMap;
import java.util.Map;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.consensus.SafetyState;
import org.fogledger.ledger.consensus.Vote;
import org.fogledger.ledger.crypto.Hash;

/**
 * The voting rule, checked on every vote an honest replica sends, across its crashes: at most one vote per round, in
 * increasing rounds, and never for a block whose justification is older than the lock the replica held (as recorded
 * in the safety state made durable for that vote). A fork needs these rules broken somewhere; this checker sees the
 * breach directly instead of waiting for the fork.
 */
final class VotingRuleChecker {
    private final Map<String, Long> lastVotedRound = new HashMap<>();
    private final Map<Hash, Long> justifyRoundOfBlock = new HashMap<>();

    /** Learns which certificate a block extends, from every proposal or block the network carried. */
    void onBlockSeen(Hash blockHash, QuorumCertificate justify) {
        if (blockHash != null && justify != null) {
            justifyRoundOfBlock.putIfAbsent(blockHash, justify.round());
        }
    }

    String onVoteSent(String replica, Vote vote, SafetyState durable) {
        Long previous = lastVotedRound.get(replica);
        if (previous != null && vote.round() <= previous) {
            return "voting-rule: " + replica + " voted in round " + vote.round() + " after voting in round " + previous
                    + " (" + vote + ")";
        }
        lastVotedRound.put(replica, vote.round());
        Long justifyRound = justifyRoundOfBlock.get(vote.blockHash());
        if (justifyRound != null && justifyRound < durable.lockedRound()) {
            return "voting-rule: " + replica + " voted for " + vote.blockHash().shortHex() + " justified by round "
                    + justifyRound + " while locked on round " + durable.lockedRound();
        }
        return null;
    }
}
