package org.fogledger.ledger.consensus;

import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/** One signer's part of a {@link TimeoutCertificate}. */
public record TimeoutSignature(PublicKey signer, long highQcRound, Signature signature) {
}
