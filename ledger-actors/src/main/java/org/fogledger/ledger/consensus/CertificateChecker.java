package org.fogledger.ledger.consensus;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.chain.ValidatorSignature;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Checks quorum and timeout certificates: at least 2f+1 distinct members, each signature valid. A fact once proven
 * (this block was certified at this round; this round timed out) is remembered, so the same certificate arriving in
 * many messages costs its signatures once. Memory is bounded by forgetting facts older than the committed round.
 */
final class CertificateChecker {
    private record Certified(Hash blockHash, long round, long height) {
    }

    private final ValidatorSet validators;
    private final SignatureVerifier verifier;
    private final QuorumCertificate genesisQc;
    private final Set<Certified> provenBlocks = new LinkedHashSet<>();
    private final Set<Long> provenTimeouts = new LinkedHashSet<>();

    CertificateChecker(ValidatorSet validators, SignatureVerifier verifier, QuorumCertificate genesisQc) {
        this.validators = validators;
        this.verifier = verifier;
        this.genesisQc = genesisQc;
    }

    boolean isValid(QuorumCertificate qc) {
        if (qc == null || qc.blockHash() == null || qc.signatures() == null) {
            return false;
        }
        if (qc.round() == 0) {
            return qc.equals(genesisQc);
        }
        Certified fact = new Certified(qc.blockHash(), qc.round(), qc.height());
        if (provenBlocks.contains(fact)) {
            return true;
        }
        if (qc.height() <= 0 || qc.signatures().size() < validators.quorumSize()
                || qc.signatures().size() > validators.size()) {
            return false;
        }
        byte[] signed = ConsensusSigning.vote(qc.blockHash(), qc.round(), qc.height());
        Set<PublicKey> signers = new HashSet<>();
        for (ValidatorSignature part : qc.signatures()) {
            if (part == null || !validators.contains(part.signer()) || !signers.add(part.signer())
                    || !verifier.verify(part.signer(), signed, part.signature())) {
                return false;
            }
        }
        provenBlocks.add(fact);
        return true;
    }

    boolean isValid(TimeoutCertificate tc) {
        if (tc == null || tc.round() <= 0) {
            return false;
        }
        if (provenTimeouts.contains(tc.round())) {
            return true;
        }
        if (tc.signatures().size() < validators.quorumSize() || tc.signatures().size() > validators.size()) {
            return false;
        }
        Set<PublicKey> signers = new HashSet<>();
        for (TimeoutSignature part : tc.signatures()) {
            if (part == null || part.highQcRound() < 0 || part.highQcRound() >= tc.round()
                    || !validators.contains(part.signer()) || !signers.add(part.signer())
                    || !verifier.verify(part.signer(), ConsensusSigning.timeout(tc.round(), part.highQcRound()),
                            part.signature())) {
                return false;
            }
        }
        provenTimeouts.add(tc.round());
        return true;
    }

    /** Forgets proofs about rounds below {@code round}; they can only be needed again by laggards' old messages. */
    void forgetBelow(long round) {
        provenBlocks.removeIf(fact -> fact.round() < round);
        provenTimeouts.removeIf(r -> r < round);
    }
}
