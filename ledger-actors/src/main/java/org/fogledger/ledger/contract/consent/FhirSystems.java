package org.fogledger.ledger.contract.consent;

/**
 * The code systems and identifier systems a consent speaks in. The FHIR ones are those FHIR R4 (4.0.1) binds to
 * the Consent elements we support; the {@code urn:fogledger:*} ones name what only the ledger knows: keys, roles,
 * organisations and devices as the ledger identifies them, and the one action FHIR has no code for.
 */
public final class FhirSystems {
    /** Consent.scope (extensible binding, consent-scope). */
    public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    /** Consent.provision.action (example binding, consent-action). */
    public static final String CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";
    /** Consent.provision.purpose (extensible binding, v3-PurposeOfUse, a part of v3 ActReason). */
    public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    /** IRCP and PRCP, the recipients among the participation types. */
    public static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** GRANTEE, the recipient among the v3 role codes of security-role-type. */
    public static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    /** OPTIN, the default policy rule of a native grant. */
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** 59284-0 "Patient Consent", the default category of a native grant. */
    public static final String LOINC = "http://loinc.org";

    /** Actions FHIR's consent-action has no code for (aggregate). */
    public static final String FOGLEDGER_ACTION = "urn:fogledger:consent-action";
    /** A public key, as tagged lowercase hex ({@code 01} + 64 hex digits for Ed25519). */
    public static final String KEY = "urn:fogledger:key";
    /** A role a recipient holds (e.g. {@code cardiologist}, {@code insurer}), as the gateway asserts it. */
    public static final String ROLE = "urn:fogledger:role";
    /** An organisation id. */
    public static final String ORGANIZATION = "urn:fogledger:organization";
    /** A device id, as the device registry knows it. */
    public static final String DEVICE = "urn:fogledger:device";

    private FhirSystems() {
    }
}
