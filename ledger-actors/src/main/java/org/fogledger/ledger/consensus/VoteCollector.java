package org.fogledger.ledger.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Gathers verified votes into quorum certificates. One vote per validator per round counts; a second, different vote
 * in the same round is equivocation and is reported, not counted.
 */
final class VoteCollector {
    /** What a vote is for: one block at one round. */
    private record Target(Hash blockHash, long round, long height) {
    }

    private final ValidatorSet validators;
    /** round -> voter -> the vote counted for that voter in that round. */
    private final TreeMap<Long, Map<PublicKey, Vote>> votesByRound = new TreeMap<>();
    /** round -> target -> voters, in arrival order (the certificate sorts them anyway). */
    private final Map<Long, Map<Target, List<Vote>>> tallies = new HashMap<>();
    /** Rounds whose certificate was already formed, so it is formed once. */
    private final Map<Long, Hash> certified = new HashMap<>();

    VoteCollector(ValidatorSet validators) {
        this.validators = validators;
    }

    sealed interface Result {
    }

    record Counted(Optional<QuorumCertificate> certificate) implements Result {
    }

    record Rejected(DropReason reason) implements Result {
    }

    /** Adds a vote whose signature and membership were already checked. */
    Result add(Vote vote) {
        Map<PublicKey, Vote> byVoter = votesByRound.computeIfAbsent(vote.round(), r -> new LinkedHashMap<>());
        Vote earlier = byVoter.get(vote.voter());
        if (earlier != null) {
            boolean same = earlier.blockHash().equals(vote.blockHash()) && earlier.height() == vote.height();
            return new Rejected(same ? DropReason.DUPLICATE_MESSAGE : DropReason.EQUIVOCATION);
        }
        byVoter.put(vote.voter(), vote);
        Target target = new Target(vote.blockHash(), vote.round(), vote.height());
        List<Vote> votes = tallies.computeIfAbsent(vote.round(), r -> new HashMap<>())
                .computeIfAbsent(target, t -> new ArrayList<>());
        votes.add(vote);
        if (votes.size() < validators.quorumSize() || certified.containsKey(vote.round())) {
            return new Counted(Optional.empty());
        }
        certified.put(vote.round(), vote.blockHash());
        List<ValidatorSignature> signatures = votes.stream()
                .sorted(Comparator.comparingInt(v -> validators.indexOf(v.voter())))
                .map(v -> new ValidatorSignature(v.voter(), v.signature()))
                .toList();
        return new Counted(Optional.of(new QuorumCertificate(vote.blockHash(), vote.round(), vote.height(), signatures)));
    }

    /** Forgets rounds below {@code round}: their certificates can no longer matter to this replica. */
    void pruneBelow(long round) {
        votesByRound.headMap(round).clear();
        tallies.keySet().removeIf(r -> r < round);
        certified.keySet().removeIf(r -> r < round);
    }
}
