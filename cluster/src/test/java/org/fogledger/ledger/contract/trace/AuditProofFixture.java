package org.fogledger.ledger.contract.trace;

import java.util.List;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A real audit proof for fogctl's tests, from the trace package's own {@link AnchoredScenario} (a chain segment
 * built as validators build it): this class sits in the trace package so it can reach the package-private
 * fixtures of the ledger-actors test-jar, and hands out only what an auditor holds.
 */
public final class AuditProofFixture {
    private AuditProofFixture() {
    }

    /** The proof of record 2 of stream gw-7, in its JSON form. */
    public static byte[] proofJson() {
        return AnchoredScenario.shared().proof.toJson();
    }

    public static String chainId() {
        return TraceChain.CHAIN_ID;
    }

    /** The genesis validator set's keys, in order. */
    public static List<PublicKey> validators() {
        return AnchoredScenario.shared().chain.validators.members();
    }
}
