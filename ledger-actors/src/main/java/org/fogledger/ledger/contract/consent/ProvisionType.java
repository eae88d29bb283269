package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * FHIR's consent-provision-type: whether a provision permits or denies what it matches. A decision's outcome uses
 * the same two codes (FHIR R5 names its Consent.decision with them too).
 */
public enum ProvisionType {
    @JsonProperty("permit")
    PERMIT,
    @JsonProperty("deny")
    DENY;

    public String code() {
        return this == PERMIT ? "permit" : "deny";
    }

    public static ProvisionType ofCode(String code) {
        return switch (code) {
            case "permit" -> PERMIT;
            case "deny" -> DENY;
            default -> null;
        };
    }
}
