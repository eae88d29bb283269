package org.fogledger.ledger.consensus;

import org.fogledger.ledger.codec.CanonicalWriter;
import org.fogledger.ledger.codec.Domain;
import org.fogledger.ledger.codec.Kind;
import org.fogledger.ledger.chain.QuorumCertificate;
import org.fogledger.ledger.crypto.Hash;

/**
 * The exact bytes each consensus signature covers. Each starts with its own domain prefix, so a vote can never be
 * replayed as a timeout or a proposal, nor any of them as a transaction.
 */
public final class ConsensusSigning {
    private ConsensusSigning() {
    }

    public static byte[] proposal(Hash blockHash, long round) {
        return Domain.PROPOSAL.signingBytes(new CanonicalWriter(42).writeHeader(Kind.PROPOSAL).writeHash(blockHash)
                .writeU64(round).toByteArray());
    }

    public static byte[] vote(Hash blockHash, long round, long height) {
        return QuorumCertificate.voteSigningBytes(blockHash, round, height);
    }

    public static byte[] timeout(long round, long highQcRound) {
        return Domain.TIMEOUT.signingBytes(new CanonicalWriter(18).writeHeader(Kind.TIMEOUT).writeU64(round)
                .writeU64(highQcRound).toByteArray());
    }
}
