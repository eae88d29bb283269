package org.fogledger.ledger.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Keeps each validator's highest verified timeout. Memory stays at one entry per validator whatever rounds a faulty
 * validator claims. From these it forms timeout certificates (2f+1 timeouts for one round) and finds the round that
 * f+1 validators have given up on, which at least one honest validator has reached.
 */
final class TimeoutCollector {
    private final ValidatorSet validators;
    private final Map<PublicKey, Timeout> latestBySender = new LinkedHashMap<>();

    TimeoutCollector(ValidatorSet validators) {
        this.validators = validators;
    }

    /** False when the sender already gave up on this round or a later one. */
    boolean add(Timeout timeout) {
        Timeout earlier = latestBySender.get(timeout.sender());
        if (earlier != null && earlier.round() >= timeout.round()) {
            return false;
        }
        latestBySender.put(timeout.sender(), timeout);
        return true;
    }

    /** A certificate for {@code round} if 2f+1 validators' latest timeouts are for it. */
    Optional<TimeoutCertificate> certificateFor(long round) {
        List<TimeoutSignature> signatures = new ArrayList<>();
        for (Timeout t : latestBySender.values()) {
            if (t.round() == round) {
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
        if (latestBySender.size() < needed) {
            return 0;
        }
        List<Long> rounds = new ArrayList<>();
        for (Timeout t : latestBySender.values()) {
            rounds.add(t.round());
        }
        rounds.sort(Comparator.reverseOrder());
        return rounds.get(needed - 1);
    }
}
