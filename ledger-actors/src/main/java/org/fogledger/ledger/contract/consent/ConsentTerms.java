package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a data owner grants: the subset of a FHIR R4 Consent that FogLedger models, field for field (see
 * docs/contracts/consent.md for the mapping). It is the payload of {@code grant}, what {@code import-fhir} reads a
 * FHIR document into, and what {@code export-fhir} writes back; import, export and import again give equal terms.
 *
 * <p>What FHIR derives from the ledger is not here: the consent id (the granting transaction's hash), the status
 * (active until withdrawn) and the patient (the owner's key).
 *
 * @param scope        Consent.scope: patient-privacy or research
 * @param category     Consent.category, at least one
 * @param dateTime     Consent.dateTime, when the consent was given, as FHIR dateTime text; informative only
 * @param performer    Consent.performer: who agreed (the owner, a guardian)
 * @param organization Consent.organization: who manages the consent
 * @param policy       Consent.policy
 * @param policyRule   Consent.policyRule; a consent has a policy or a policy rule (FHIR invariant ppc-1)
 * @param provision    Consent.provision, the rules; required, since a consent without them decides nothing
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConsentTerms(Coding scope, List<Coding> category, String dateTime, List<Reference> performer,
                           List<Reference> organization, List<Policy> policy, Coding policyRule,
                           Provision provision) {

    public ConsentTerms {
        category = copy(category);
        performer = copy(performer);
        organization = copy(organization);
        policy = copy(policy);
    }

    /** Terms made of {@code provision} and the defaults of a native grant. */
    public static ConsentTerms of(Provision provision) {
        return new ConsentTerms(null, null, null, null, null, null, null, provision).withDefaults();
    }

    /**
     * These terms with what a native grant may leave out filled in: scope patient-privacy, category LOINC
     * 59284-0, policy rule OPTIN when no policy is given, and role IRCP for actors given without one. A FHIR
     * import gets no defaults: FHIR requires scope, category and actor roles, and a policy or policy rule.
     */
    public ConsentTerms withDefaults() {
        return new ConsentTerms(
                scope == null ? ConsentVocabulary.DEFAULT_SCOPE : scope,
                category.isEmpty() ? List.of(ConsentVocabulary.DEFAULT_CATEGORY) : category,
                dateTime, performer, organization, policy,
                policyRule == null && policy.isEmpty() ? ConsentVocabulary.DEFAULT_POLICY_RULE : policyRule,
                provision == null ? null : provision.withDefaultRoles());
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
