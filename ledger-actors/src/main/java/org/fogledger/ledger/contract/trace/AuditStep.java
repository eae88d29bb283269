package org.fogledger.ledger.contract.trace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The steps of verifying an {@link AuditProof}, in the order {@link AuditProofVerifier} takes them: from what the
 * auditor trusts (the validator set) down to the record. A failed verification names the first step that failed.
 */
public enum AuditStep {
    /** The bytes or JSON are not a well-formed proof. */
    @JsonProperty("proof-format") PROOF_FORMAT("proof format"),
    /** Each certificate carries a quorum of valid signatures by distinct members of the validator set. */
    @JsonProperty("commit-certificates") COMMIT_CERTIFICATES("commit certificates"),
    /** The headers link by parent hash and height, and the certificates certify the last three. */
    @JsonProperty("header-chain") HEADER_CHAIN("header chain"),
    /** The last three headers have consecutive rounds: the 3-chain that commits the anchor block. */
    @JsonProperty("commit-rule") COMMIT_RULE("3-chain commit rule"),
    /**
     * A committed header above the anchor block claims the results of the block the proof's results chain
     * reaches (the anchor block plus one block per later records root).
     */
    @JsonProperty("results-claim") RESULTS_CLAIM("results claim"),
    /** The anchor transaction is validly signed, for this chain, and is an anchor of the record's contract. */
    @JsonProperty("anchor-transaction") ANCHOR_TRANSACTION("anchor transaction"),
    /** The anchor transaction is in the anchor block. */
    @JsonProperty("transaction-in-block") TRANSACTION_IN_BLOCK("transaction in block"),
    /**
     * The anchor tx's execution record leads, by its path to the anchor block's records root and the results chain,
     * to the claimed results hash; it is the tx's own, and the trace contract accepted the anchor it names.
     */
    @JsonProperty("anchor-execution") ANCHOR_EXECUTION("anchor execution"),
    /** The anchored root is the proof's batch root. */
    @JsonProperty("anchored-root") ANCHORED_ROOT("anchored root"),
    /** The record is in the anchored batch at the place its sequence number says. */
    @JsonProperty("record-in-batch") RECORD_IN_BATCH("record in batch");

    private final String label;

    AuditStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
