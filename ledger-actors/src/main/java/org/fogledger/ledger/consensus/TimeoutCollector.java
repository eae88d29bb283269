package org.fogledger.ledger.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Keeps each validator's most recent verified timeouts: a few rounds per validator, so memory stays bounded
 * whatever rounds a faulty validator claims, yet a timeout a peer sends late for a round it already left (to help
 * laggards) still counts. From these it forms timeout certificates (2f+1 timeouts for one round) and finds the round
 * that f+1 validators have given up on, which at least one honest validator has reached.
 */
final class TimeoutCollector {
    /** Rounds remembered per validator; older ones are forgotten first. */
    static final int ROUNDS_PER_VALIDATOR = 4;

    private final ValidatorSet validators;
    private final Map<PublicKey, TreeMap<Long, Timeout>> bySender = new LinkedHashMap<>();

    TimeoutCollector(ValidatorSet validators) {
        this.validators = validators;
    }

    /** False when this validator's timeout for this round is already here. */
    boolean add(Timeout timeout) {
        TreeMap<Long, Timeout> rounds = bySender.computeIfAbsent(timeout.sender(), s -> new TreeMap<>());
        if (rounds.containsKey(timeout.round())) {
            return false;
        }
        rounds.put(timeout.round(), timeout);
        while (rounds.size() > ROUNDS_PER_VALIDATOR) {
            rounds.pollFirstEntry();
        }
        return true;
    }

    /** A certificate for {@code round} if 2f+1 validators timed out in it. */
    Optional<TimeoutCertificate> certificateFor(long round) {
        List<TimeoutSignature> signatures = new ArrayList<>();
        for (TreeMap<Long, Timeout> rounds : bySender.values()) {
            Timeout t = rounds.get(round);
            if (t != null) {
                signatures.add(new TimeoutSignature(t.sender(), t.highQc().round(), t.signature()));
            }
        }
        if (signatures.size() < validators.quorumSize()) {
            return Optional.empty();
        }
        signatures.sort(Comparator.comparingInt(s -> validators.indexOf(s.signer())));
        return Optional.of(new TimeoutCertificate(round, signatures));
    }

    /**
     * The highest round that at least f+1 validators have timed out at or beyond, or 0. At most f of them can be
     * faulty, so some honest validator really is that far.
     */
    long roundReachedByFPlusOne() {
        int needed = validators.maxFaulty() + 1;
        if (bySender.size() < needed) {
            return 0;
        }
        List<Long> rounds = new ArrayList<>();
        for (TreeMap<Long, Timeout> byRound : bySender.values()) {
            rounds.add(byRound.lastKey());
        }
        rounds.sort(Comparator.reverseOrder());
        return rounds.get(needed - 1);
    }
}
