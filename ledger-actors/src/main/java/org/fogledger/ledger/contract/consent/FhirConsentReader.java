package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Reads a FHIR R4 Consent (JSON) into {@link ConsentTerms}, refusing whatever the terms cannot represent, by path:
 * {@code Consent.provision.provision[1].securityLabel is not supported}. Every member of every object is either
 * read into the terms or refused; none is skipped.
 *
 * <p>Three things are read but not kept, because the ledger defines them: {@code id} (the ledger names a consent
 * by the hash of the transaction that grants it, as a FHIR server assigns its own id on create),
 * {@code status} (must be {@code active}: only an active consent can be granted) and {@code patient} (if given,
 * it must name the key that signs the grant, which the export writes back).
 */
public final class FhirConsentReader {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Set<String> STATUS_CODES =
            Set.of("draft", "proposed", "active", "rejected", "inactive", "entered-in-error");

    private static final Set<String> CONSENT_READ = Set.of("resourceType", "id", "status", "scope", "category",
            "patient", "dateTime", "performer", "organization", "policy", "policyRule", "provision");
    private static final Set<String> CONSENT_DEFINED = Set.of("meta", "implicitRules", "language", "text",
            "contained", "extension", "modifierExtension", "identifier", "sourceAttachment", "sourceReference",
            "verification");
    private static final Set<String> BACKBONE_DEFINED = Set.of("id", "extension", "modifierExtension");
    private static final Set<String> ELEMENT_DEFINED = Set.of("id", "extension");
    private static final Set<String> PROVISION_READ = Set.of("type", "period", "actor", "action", "purpose",
            "class", "dataPeriod", "data", "provision");
    private static final Set<String> PROVISION_DEFINED =
            Set.of("id", "extension", "modifierExtension", "securityLabel", "code");
    private static final Set<String> CODEABLE_CONCEPT_DEFINED = Set.of("id", "extension", "text");
    private static final Set<String> CODING_READ = Set.of("system", "code", "display");
    private static final Set<String> CODING_DEFINED = Set.of("id", "extension", "version", "userSelected");
    private static final Set<String> REFERENCE_READ = Set.of("type", "identifier", "display");
    private static final Set<String> REFERENCE_DEFINED = Set.of("id", "extension", "reference");
    private static final Set<String> IDENTIFIER_DEFINED = Set.of("id", "extension", "use", "type", "period",
            "assigner");

    private final StepMeter meter;

    private FhirConsentReader(StepMeter meter) {
        this.meter = meter;
    }

    /**
     * The terms of the FHIR Consent in {@code json}, granted by {@code owner}; validated like a native grant, with
     * paths rooted at {@code Consent}.
     */
    public static ConsentTerms read(byte[] json, PublicKey owner, StepMeter meter) {
        JsonNode root;
        try {
            root = ContractJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ContractRefusal(FhirElement.MALFORMED, "Consent: not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ContractRefusal(FhirElement.MALFORMED, "Consent: not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ContractRefusal(FhirElement.MALFORMED, "Consent: the document is empty");
        }
        ConsentTerms terms = new FhirConsentReader(meter).consent(FhirElement.root(root, "Consent", meter), owner);
        ConsentTermsValidator.validate(terms, "Consent", meter);
        return terms;
    }

    private ConsentTerms consent(FhirElement consent, PublicKey owner) {
        String resourceType = consent.requiredString("resourceType");
        if (!resourceType.equals("Consent")) {
            throw FhirElement.malformed(consent.path("resourceType"), "is '" + resourceType
                    + "', expected 'Consent'");
        }
        consent.onlyMembers(CONSENT_READ, CONSENT_DEFINED);
        String id = consent.string("id");
        if (id != null && !FHIR_ID.matcher(id).matches()) {
            throw FhirElement.malformed(consent.path("id"), "'" + ConsentTermsValidator.abbreviate(id)
                    + "' is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
        }
        String status = consent.requiredString("status");
        if (!STATUS_CODES.contains(status)) {
            throw FhirElement.malformed(consent.path("status"), "'" + status + "' is not a consent-state-code "
                    + STATUS_CODES);
        }
        if (!status.equals("active")) {
            throw new ContractRefusal(ConsentTermsValidator.CODE, consent.path("status") + " is '" + status
                    + "': only an active Consent can be granted");
        }
        Coding scope = codeableConcept(consent.requiredObject("scope"));
        List<Coding> category = codeableConcepts(consent.requiredObjects("category"));
        FhirElement patient = consent.object("patient");
        if (patient != null) {
            patient(patient, owner);
        }
        String dateTime = consent.string("dateTime");
        List<Reference> performer = references(consent.objects("performer"));
        List<Reference> organization = references(consent.objects("organization"));
        List<Policy> policy = new ArrayList<>();
        for (FhirElement each : consent.objects("policy")) {
            each.onlyMembers(Set.of("authority", "uri"), BACKBONE_DEFINED);
            policy.add(new Policy(each.string("authority"), each.string("uri")));
        }
        FhirElement policyRule = consent.object("policyRule");
        FhirElement provision = consent.object("provision");
        return new ConsentTerms(scope, category, dateTime, performer, organization, policy,
                policyRule == null ? null : codeableConcept(policyRule),
                provision == null ? null : provision(provision));
    }

    /** The patient is the owner: it must name the signing key, by identifier, and nothing more. */
    private void patient(FhirElement patient, PublicKey owner) {
        refuseLiteralReference(patient);
        patient.onlyMembers(Set.of("type", "identifier"), Set.of("id", "extension", "reference", "display"));
        String type = patient.string("type");
        if (type != null && !type.equals("Patient")) {
            throw FhirElement.malformed(patient.path("type"), "is '" + type + "', expected 'Patient'");
        }
        Reference reference = identifier(patient.requiredObject("identifier"));
        String ownerHex = ContractJson.hex(owner);
        if (reference.kind() != ReferenceKind.KEY || !reference.value().equals(ownerHex)) {
            throw new ContractRefusal(ConsentTermsValidator.CODE, patient.path() + " names " + reference
                    + ", but the patient of a consent is its owner, the signer of the grant: key:"
                    + ConsentTermsValidator.abbreviate(ownerHex));
        }
    }

    private Provision provision(FhirElement provision) {
        provision.onlyMembers(PROVISION_READ, PROVISION_DEFINED);
        String typeCode = provision.string("type");
        ProvisionType type = null;
        if (typeCode != null) {
            type = ProvisionType.ofCode(typeCode);
            if (type == null) {
                throw FhirElement.malformed(provision.path("type"), "'" + typeCode
                        + "' is not a consent-provision-type code (deny, permit)");
            }
        }
        List<ProvisionActor> actors = new ArrayList<>();
        for (FhirElement actor : provision.objects("actor")) {
            actor.onlyMembers(Set.of("role", "reference"), BACKBONE_DEFINED);
            actors.add(new ProvisionActor(codeableConcept(actor.requiredObject("role")),
                    reference(actor.requiredObject("reference"))));
        }
        List<Coding> purposes = new ArrayList<>();
        for (FhirElement purpose : provision.objects("purpose")) {
            purposes.add(coding(purpose));
        }
        List<Coding> classes = new ArrayList<>();
        for (FhirElement dataClass : provision.objects("class")) {
            classes.add(coding(dataClass));
        }
        List<ProvisionData> data = new ArrayList<>();
        for (FhirElement each : provision.objects("data")) {
            each.onlyMembers(Set.of("meaning", "reference"), BACKBONE_DEFINED);
            String meaningCode = each.requiredString("meaning");
            DataMeaning meaning = DataMeaning.ofCode(meaningCode);
            if (meaning == null) {
                throw FhirElement.malformed(each.path("meaning"), "'" + meaningCode
                        + "' is not a consent-data-meaning code (instance, related, dependents, authoredby)");
            }
            data.add(new ProvisionData(meaning, reference(each.requiredObject("reference"))));
        }
        List<Provision> nested = new ArrayList<>();
        for (FhirElement each : provision.objects("provision")) {
            nested.add(provision(each));
        }
        return new Provision(type, period(provision.object("period")), actors,
                codeableConcepts(provision.objects("action")), purposes, classes,
                period(provision.object("dataPeriod")), data, nested);
    }

    private List<Coding> codeableConcepts(List<FhirElement> concepts) {
        List<Coding> codings = new ArrayList<>(concepts.size());
        for (FhirElement concept : concepts) {
            codings.add(codeableConcept(concept));
        }
        return codings;
    }

    /** A CodeableConcept of exactly one coding: translations and free text cannot be represented. */
    private Coding codeableConcept(FhirElement concept) {
        concept.onlyMembers(Set.of("coding"), CODEABLE_CONCEPT_DEFINED);
        List<FhirElement> codings = concept.requiredObjects("coding");
        if (codings.size() > 1) {
            throw concept.unsupported(codings.get(1).path(), "is not supported: a CodeableConcept holds exactly"
                    + " one coding here (translations cannot be represented)");
        }
        return coding(codings.get(0));
    }

    private Coding coding(FhirElement coding) {
        coding.onlyMembers(CODING_READ, CODING_DEFINED);
        return new Coding(coding.requiredString("system"), coding.requiredString("code"), coding.string("display"));
    }

    private List<Reference> references(List<FhirElement> references) {
        List<Reference> read = new ArrayList<>(references.size());
        for (FhirElement reference : references) {
            read.add(reference(reference));
        }
        return read;
    }

    /**
     * A Reference by identifier, whose system says what it names. A literal reference ({@code Practitioner/12})
     * points into some FHIR server the ledger cannot see, so it is refused; a {@code type} must be the one the
     * identifier's kind implies.
     */
    private Reference reference(FhirElement element) {
        refuseLiteralReference(element);
        element.onlyMembers(REFERENCE_READ, REFERENCE_DEFINED);
        Reference identified = identifier(element.requiredObject("identifier"));
        String type = element.string("type");
        if (type != null && !type.equals(identified.kind().fhirType())) {
            throw element.unsupported(element.path("type"), "'" + type + "' is not supported for a "
                    + identified.kind().system() + " identifier" + (identified.kind().fhirType() == null
                    ? ", which names whoever holds the key and carries no type"
                    : ", which names " + article(identified.kind().fhirType()) + " "
                    + identified.kind().fhirType()));
        }
        return new Reference(identified.kind(), identified.value(), element.string("display"));
    }

    private static void refuseLiteralReference(FhirElement element) {
        if (element.has("reference")) {
            throw element.unsupported(element.path("reference"), "is not supported: a literal reference points"
                    + " into a FHIR server the ledger cannot see; name the party by identifier, with system "
                    + FhirSystems.KEY + ", " + FhirSystems.ROLE + ", " + FhirSystems.ORGANIZATION + " or "
                    + FhirSystems.DEVICE);
        }
    }

    private static String article(String noun) {
        return "AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private Reference identifier(FhirElement identifier) {
        identifier.onlyMembers(Set.of("system", "value"), IDENTIFIER_DEFINED);
        String system = identifier.requiredString("system");
        ReferenceKind kind = ReferenceKind.ofSystem(system).orElseThrow(() -> identifier.unsupported(
                identifier.path("system"), "'" + ConsentTermsValidator.abbreviate(system) + "' is not supported:"
                        + " parties and devices are named by " + FhirSystems.KEY + ", " + FhirSystems.ROLE + ", "
                        + FhirSystems.ORGANIZATION + " or " + FhirSystems.DEVICE));
        return new Reference(kind, identifier.requiredString("value"), null);
    }

    private Period period(FhirElement period) {
        if (period == null) {
            return null;
        }
        period.onlyMembers(Set.of("start", "end"), ELEMENT_DEFINED);
        String start = period.string("start");
        String end = period.string("end");
        return new Period(start == null ? null : FhirTime.parseInstant(period.path("start"), start),
                end == null ? null : FhirTime.parseInstant(period.path("end"), end));
    }
}
