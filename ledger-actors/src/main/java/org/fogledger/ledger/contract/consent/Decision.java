package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The decision point's answer and why: which consent decided and which of its provisions, by its path
 * ({@code provision.provision[0]}); or no consent at all, which denies.
 *
 * @param decision  permit or deny
 * @param consentId the consent that decided, or null for "no consent"
 * @param provision the path of the deciding provision within it, or null
 * @param reason    the same, for people: {@code consent 3fa2c1d0, provision.provision[0] (deny)} or
 *                  {@code no consent}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(ProvisionType decision, String consentId, String provision, String reason) {
    public static final Decision NO_CONSENT = new Decision(ProvisionType.DENY, null, null, "no consent");

    static Decision by(String consentId, String provision, ProvisionType type) {
        return new Decision(type, consentId, provision,
                "consent " + consentId.substring(0, Math.min(8, consentId.length())) + ", " + provision + " ("
                        + type.code() + ")");
    }

    public boolean permits() {
        return decision == ProvisionType.PERMIT;
    }
}
