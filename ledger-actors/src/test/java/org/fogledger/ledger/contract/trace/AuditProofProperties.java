package org.fogledger.ledger.contract.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever byte of an encoded proof changes, to whatever value, the proof no longer verifies. (The step-by-step
 * tests in {@link AuditProofVerifierTest} change every byte of each part in turn; this covers the whole encoding,
 * lengths and counts included.)
 */
class AuditProofProperties {
    private static final byte[] ENCODED = AnchoredScenario.shared().proof.encode();

    @Property(tries = 500)
    void aProofWithAnyByteChangedNeverVerifies(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                               @ForAll @IntRange(min = 1, max = 255) int mask) {
        int index = position % ENCODED.length;
        AuditVerdict verdict = AnchoredScenario.shared().verifier.verifyEncoded(
                TraceFixtures.flip(ENCODED, index, mask));
        assertFalse(verdict.valid(), "byte " + index + " ^ " + mask + " still verifies");
    }
}
