package org.fogledger.ledger.contract.consent;

import java.util.List;

/**
 * The codes a consent may use besides actions ({@link ConsentAction}) and purposes ({@link PurposeOfUse}), and the
 * defaults a native grant gets for what FHIR requires but a device owner rarely cares to say.
 */
public final class ConsentVocabulary {
    /** Consent.scope codes we model: consents about sharing data. Treatment and advance directives are not. */
    public static final List<String> SCOPES = List.of("patient-privacy", "research");

    /**
     * Consent.provision.actor.role codings that name the recipient of the data: v3 ParticipationType IRCP
     * (information recipient) and its child PRCP (primary information recipient), and v3 RoleCode GRANTEE (the
     * security-role-type binding's code for who a consent grants to).
     */
    public static final List<Coding> RECIPIENT_ROLES = List.of(
            Coding.of(FhirSystems.PARTICIPATION_TYPE, "IRCP"),
            Coding.of(FhirSystems.PARTICIPATION_TYPE, "PRCP"),
            Coding.of(FhirSystems.ROLE_CODE, "GRANTEE"));

    public static final Coding DEFAULT_SCOPE =
            new Coding(FhirSystems.CONSENT_SCOPE, "patient-privacy", "Privacy Consent");
    public static final Coding DEFAULT_CATEGORY = new Coding(FhirSystems.LOINC, "59284-0", "Patient Consent");
    public static final Coding DEFAULT_POLICY_RULE = new Coding(FhirSystems.ACT_CODE, "OPTIN", "opt-in");
    public static final Coding DEFAULT_RECIPIENT_ROLE =
            new Coding(FhirSystems.PARTICIPATION_TYPE, "IRCP", "information recipient");

    private ConsentVocabulary() {
    }

    public static boolean isScope(Coding scope) {
        return FhirSystems.CONSENT_SCOPE.equals(scope.system()) && SCOPES.contains(scope.code());
    }

    public static boolean isRecipientRole(Coding role) {
        for (Coding recipient : RECIPIENT_ROLES) {
            if (recipient.is(role.system(), role.code())) {
                return true;
            }
        }
        return false;
    }
}
