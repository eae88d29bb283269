package org.fogledger.ledger.contract.consent;

import static org.fogledger.ledger.contract.consent.ConsentFixtures.DAY;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.DOCTOR;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.HEART_RATE;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.HOSPITAL;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.OWNER;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.OWNER_CONSENTS;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.SENSOR;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.T0;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.hex;
import static org.fogledger.ledger.contract.consent.ConsentFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.StepMeter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** FHIR R4 Consent documents in and out: what is read, what is written, and what is refused, by path. */
class FhirConsentImportExportTest {
    private static final String HOSPITAL_DISPLAY = "St Mary's Hospital";

    /**
     * The hospital may read and use the heart rate of the owner's sensor for treatment until the end of 2026,
     * except for marketing, which only the owner's doctor may do; and none of what was recorded before 2026.
     */
    static String document() {
        String doctor = hex(DOCTOR);
        String owner = hex(OWNER);
        return """
                {
                  "resourceType": "Consent",
                  "id": "heart-rate-for-st-mary",
                  "status": "active",
                  "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                        "code": "patient-privacy", "display": "Privacy Consent"}]},
                  "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                  "patient": {"identifier": {"system": "urn:fogledger:key", "value": "%s"}},
                  "dateTime": "2025-12-31",
                  "performer": [{"identifier": {"system": "urn:fogledger:key", "value": "%s"},
                                 "display": "the owner"}],
                  "organization": [{"type": "Organization",
                                    "identifier": {"system": "urn:fogledger:organization", "value": "%s"},
                                    "display": "%s"}],
                  "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                             "code": "OPTIN"}]},
                  "provision": {
                    "type": "permit",
                    "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-12-31T23:59:59.999+00:00"},
                    "actor": [{"role": {"coding": [{"system":
                                  "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
                               "reference": {"identifier": {"system": "urn:fogledger:organization",
                                                            "value": "%s"}}}],
                    "action": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction",
                                            "code": "access"}]},
                               {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction",
                                            "code": "use", "display": "Use"}]}],
                    "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"},
                                {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                 "code": "HMARKT"}],
                    "class": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}],
                    "data": [{"meaning": "authoredby",
                              "reference": {"type": "Device",
                                            "identifier": {"system": "urn:fogledger:device", "value": "%s"}}}],
                    "provision": [
                      {"type": "deny",
                       "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                    "code": "HMARKT"}],
                       "provision": [{"type": "permit",
                                      "actor": [{"role": {"coding": [{"system":
                                          "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                          "code": "PRCP"}]},
                                                 "reference": {"identifier": {"system": "urn:fogledger:key",
                                                                              "value": "%s"}}}]}]},
                      {"type": "deny", "dataPeriod": {"end": "2025-12-31T23:59:59.999Z"}}
                    ]
                  }
                }
                """.formatted(owner, owner, HOSPITAL, HOSPITAL_DISPLAY, HOSPITAL, SENSOR, doctor);
    }

    /** The terms {@link #document()} says, built by hand. */
    static ConsentTerms expectedTerms() {
        Provision marketingOnlyByTheDoctor = Provision.deny().withPurposes("HMARKT")
                .withExceptions(Provision.permit().withActors(new ProvisionActor(
                        Coding.of(FhirSystems.PARTICIPATION_TYPE, "PRCP"), Reference.key(hex(DOCTOR)))));
        Provision base = new Provision(ProvisionType.PERMIT, new Period(T0, T0 + 365 * DAY - 1),
                List.of(new ProvisionActor(Coding.of(FhirSystems.PARTICIPATION_TYPE, "IRCP"),
                        Reference.organization(HOSPITAL))),
                List.of(Coding.of(FhirSystems.CONSENT_ACTION, "access"),
                        new Coding(FhirSystems.CONSENT_ACTION, "use", "Use")),
                List.of(Coding.of(FhirSystems.ACT_REASON, "TREAT"), Coding.of(FhirSystems.ACT_REASON, "HMARKT")),
                List.of(HEART_RATE), null,
                List.of(new ProvisionData(DataMeaning.AUTHOREDBY, Reference.device(SENSOR))),
                List.of(marketingOnlyByTheDoctor, Provision.deny().withDataPeriod(null, T0 - 1)));
        return new ConsentTerms(ConsentVocabulary.DEFAULT_SCOPE, List.of(Coding.of(FhirSystems.LOINC, "59284-0")),
                "2025-12-31", List.of(new Reference(ReferenceKind.KEY, hex(OWNER), "the owner")),
                List.of(new Reference(ReferenceKind.ORGANIZATION, HOSPITAL, HOSPITAL_DISPLAY)), List.of(),
                Coding.of(FhirSystems.ACT_CODE, "OPTIN"), base);
    }

    private static ConsentTerms read(String json) {
        return FhirConsentReader.read(utf8(json), OWNER.publicKey(), meter());
    }

    private static StepMeter meter() {
        return new StepMeter(ExecutionLimits.DEFAULT.stepsPerExecution());
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) ContractJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_fhir_consent_reads_into_the_terms_it_says() {
        assertEquals(expectedTerms(), read(document()));
    }

    @Test
    void the_export_is_a_fhir_consent_with_the_ledger_s_id_status_and_patient() {
        ConsentRecord record = ConsentRecord.granted("3f".repeat(32), expectedTerms(), T0, 4);
        ObjectNode exported = FhirConsentWriter.write(record, OWNER.publicKey());

        assertEquals(List.of("resourceType", "id", "status", "scope", "category", "patient", "dateTime", "performer",
                "organization", "policyRule", "provision"), fieldNames(exported));
        assertEquals("3f".repeat(32), exported.get("id").textValue());
        assertEquals("active", exported.get("status").textValue());
        assertEquals(hex(OWNER), exported.at("/patient/identifier/value").textValue());
        assertEquals("2026-12-31T23:59:59.999Z", exported.at("/provision/period/end").textValue());
        assertEquals("Device", exported.at("/provision/data/0/reference/type").textValue());
        assertEquals("inactive", FhirConsentWriter.write(record.withdrawn(T0 + DAY, 5), OWNER.publicKey())
                .get("status").textValue());
    }

    @Test
    void import_then_export_then_import_gives_the_same_terms() {
        ConsentTerms imported = read(document());
        byte[] exported = FhirConsentWriter.writeBytes(ConsentRecord.granted("ab".repeat(32), imported, T0, 1),
                OWNER.publicKey());
        ConsentTerms again = FhirConsentReader.read(exported, OWNER.publicKey(), meter());

        assertEquals(imported, again);
        assertEquals(new String(exported, StandardCharsets.UTF_8), new String(FhirConsentWriter.writeBytes(
                ConsentRecord.granted("ab".repeat(32), again, T0, 1), OWNER.publicKey()), StandardCharsets.UTF_8));
    }

    @Test
    void import_fhir_grants_and_export_fhir_answers_on_the_ledger() {
        ConsentFixtures ledger = new ConsentFixtures();
        ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.IMPORT_FHIR, utf8(document()));
        assertEquals("granted", result.code(), result::toString);
        String id = ContractJson.readTrusted(result.data(), ConsentContract.GrantReceipt.class).consentId();

        DecisionRequest nurseMarketing = new DecisionRequest(SENSOR, HEART_RATE, ConsentAction.USE, "HMARKT",
                new Recipient(null, "nurse", HOSPITAL), T0 + DAY);
        assertEquals(Decision.by(id, "provision.provision[0]", ProvisionType.DENY), ledger.decide(nurseMarketing));
        assertEquals(Decision.by(id, "provision.provision[0].provision[0]", ProvisionType.PERMIT),
                ledger.decide(nurseMarketing.withRecipient(new Recipient(DOCTOR.publicKey(), null, HOSPITAL))));
        assertEquals(Decision.by(id, "provision.provision[1]", ProvisionType.DENY),
                ledger.decide(nurseMarketing.withPurpose("TREAT").withDataTime(T0 - DAY)));
        assertEquals(Decision.by(id, "provision", ProvisionType.PERMIT),
                ledger.decide(nurseMarketing.withPurpose("TREAT")));
        assertEquals(Decision.NO_CONSENT, ledger.decide(nurseMarketing.withAction(ConsentAction.DISCLOSE)));

        byte[] exported = ledger.host().query(OWNER_CONSENTS, ConsentContract.QUERY_EXPORT_FHIR,
                ContractJson.write(new ConsentContract.ConsentIdArgument(id)));
        assertEquals(id, tree(new String(exported, StandardCharsets.UTF_8)).get("id").textValue());
        assertEquals(expectedTerms(), FhirConsentReader.read(exported, OWNER.publicKey(), meter()));
    }

    @Test
    void the_export_of_a_withdrawn_consent_cannot_be_granted_again_as_it_is() {
        ConsentRecord withdrawn = ConsentRecord.granted("ab".repeat(32), expectedTerms(), T0, 1)
                .withdrawn(T0 + DAY, 2);
        ContractRefusal refusal = assertThrows(ContractRefusal.class, () -> FhirConsentReader.read(
                FhirConsentWriter.writeBytes(withdrawn, OWNER.publicKey()), OWNER.publicKey(), meter()));
        assertEquals("invalid-consent", refusal.code());
        assertEquals("Consent.status is 'inactive': only an active Consent can be granted", refusal.getMessage());
    }

    @Nested
    class What_cannot_be_represented_is_refused_with_its_path {
        private void assertRefused(String code, String message, Consumer<ObjectNode> change) {
            ObjectNode document = tree(document());
            change.accept(document);
            ContractRefusal refusal = assertThrows(ContractRefusal.class, () -> FhirConsentReader.read(
                    ContractJson.write(document), OWNER.publicKey(), meter()));
            assertEquals(code, refusal.code(), refusal::getMessage);
            assertTrue(refusal.getMessage().startsWith(message),
                    () -> "'" + refusal.getMessage() + "' should start with '" + message + "'");
        }

        private ObjectNode at(ObjectNode document, String pointer) {
            return (ObjectNode) document.at(JsonPointer.compile(pointer));
        }

        private ObjectNode coding(String system, String code) {
            return JsonNodeFactory.instance.objectNode().put("system", system).put("code", code);
        }

        @Test
        void a_security_label_in_a_nested_provision() {
            assertRefused("unsupported-fhir-element", "Consent.provision.provision[1].securityLabel is not supported",
                    d -> at(d, "/provision/provision/1").putArray("securityLabel")
                            .add(coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")));
        }

        @Test
        void a_provision_code() {
            assertRefused("unsupported-fhir-element", "Consent.provision.code is not supported",
                    d -> at(d, "/provision").putArray("code").addObject().putArray("coding")
                            .add(coding(FhirSystems.LOINC, "11503-0")));
        }

        @Test
        void resource_level_elements_the_model_does_not_have() {
            for (String element : List.of("meta", "text", "extension", "modifierExtension", "identifier",
                    "language", "implicitRules", "contained", "sourceAttachment", "sourceReference",
                    "verification")) {
                assertRefused("unsupported-fhir-element", "Consent." + element + " is not supported",
                        d -> d.putObject(element).put("anything", "at all"));
            }
        }

        @Test
        void an_extension_deep_inside() {
            assertRefused("unsupported-fhir-element",
                    "Consent.provision.provision[0].provision[0].actor[0].extension is not supported",
                    d -> at(d, "/provision/provision/0/provision/0/actor/0").putArray("extension").addObject()
                            .put("url", "http://example.org/x").put("valueString", "y"));
        }

        @Test
        void an_extension_of_a_primitive_value() {
            assertRefused("unsupported-fhir-element", "Consent._status is not supported",
                    d -> d.putObject("_status").putArray("extension").addObject().put("url", "http://x"));
        }

        @Test
        void a_literal_reference() {
            assertRefused("unsupported-fhir-element", "Consent.provision.actor[0].reference.reference is not"
                    + " supported", d -> at(d, "/provision/actor/0/reference").put("reference", "Organization/f001"));
        }

        @Test
        void an_identifier_from_another_system() {
            assertRefused("unsupported-fhir-element",
                    "Consent.performer[0].identifier.system 'http://hospital.example/mrn' is not supported",
                    d -> at(d, "/performer/0/identifier").put("system", "http://hospital.example/mrn"));
        }

        @Test
        void an_identifier_use() {
            assertRefused("unsupported-fhir-element", "Consent.organization[0].identifier.use is not supported",
                    d -> at(d, "/organization/0/identifier").put("use", "official"));
        }

        @Test
        void a_reference_type_its_identifier_does_not_imply() {
            assertRefused("unsupported-fhir-element", "Consent.performer[0].type 'Practitioner' is not supported",
                    d -> at(d, "/performer/0").put("type", "Practitioner"));
        }

        @Test
        void a_second_coding_or_a_text_in_a_codeable_concept() {
            assertRefused("unsupported-fhir-element", "Consent.provision.action[0].coding[1] is not supported",
                    d -> ((ArrayNode) d.at("/provision/action/0/coding"))
                            .add(coding("http://example.org/actions", "read")));
            assertRefused("unsupported-fhir-element", "Consent.scope.text is not supported",
                    d -> at(d, "/scope").put("text", "Privacy"));
        }

        @Test
        void a_coding_version() {
            assertRefused("unsupported-fhir-element", "Consent.provision.purpose[1].version is not supported",
                    d -> at(d, "/provision/purpose/1").put("version", "2018-08-12"));
        }

        @Test
        void a_period_bound_that_is_not_an_instant() {
            assertRefused("unsupported-fhir-element", "Consent.provision.period.start: '2026-01-01' is not"
                    + " supported as a period bound", d -> at(d, "/provision/period").put("start", "2026-01-01"));
            assertRefused("malformed-payload", "Consent.provision.dataPeriod.end: 'soon' is not a FHIR dateTime",
                    d -> at(d, "/provision").putObject("dataPeriod").put("end", "soon"));
            assertRefused("unsupported-fhir-element", "Consent.provision.period.end: '2026-12-31T23:59:59.9999Z'",
                    d -> at(d, "/provision/period").put("end", "2026-12-31T23:59:59.9999Z"));
        }

        @Test
        void a_consent_that_is_not_active() {
            assertRefused("invalid-consent", "Consent.status is 'draft': only an active Consent can be granted",
                    d -> d.put("status", "draft"));
            assertRefused("malformed-payload", "Consent.status 'revoked' is not a consent-state-code",
                    d -> d.put("status", "revoked"));
        }

        @Test
        void a_patient_other_than_the_signer() {
            assertRefused("invalid-consent", "Consent.patient names key:" + hex(DOCTOR),
                    d -> at(d, "/patient/identifier").put("value", hex(DOCTOR)));
            assertRefused("unsupported-fhir-element", "Consent.patient.display is not supported",
                    d -> at(d, "/patient").put("display", "P. van de Heuvel"));
        }

        @Test
        void a_scope_the_model_does_not_decide() {
            assertRefused("invalid-consent", "Consent.scope '" + FhirSystems.CONSENT_SCOPE + "#treatment' is not"
                    + " supported", d -> at(d, "/scope/coding/0").put("code", "treatment"));
        }

        @Test
        void an_actor_that_is_not_a_recipient() {
            assertRefused("invalid-consent", "Consent.provision.actor[0].role '" + FhirSystems.PARTICIPATION_TYPE
                    + "#CST' is not supported", d -> at(d, "/provision/actor/0/role/coding/0").put("code", "CST"));
        }

        @Test
        void data_selected_as_the_device_instance() {
            assertRefused("invalid-consent", "Consent.provision.data[0].meaning 'instance' is not supported",
                    d -> at(d, "/provision/data/0").put("meaning", "instance"));
        }

        @Test
        void a_provision_without_a_type() {
            assertRefused("invalid-consent", "Consent.provision.provision[1].type is required",
                    d -> at(d, "/provision/provision/1").remove("type"));
        }

        @Test
        void a_consent_without_provisions_or_policy() {
            assertRefused("invalid-consent", "Consent.provision is required", d -> d.remove("provision"));
            assertRefused("invalid-consent", "Consent.policyRule is required when there is no policy",
                    d -> d.remove("policyRule"));
        }

        @Test
        void what_fhir_requires_and_is_missing() {
            assertRefused("malformed-payload", "Consent.scope is required", d -> d.remove("scope"));
            assertRefused("malformed-payload", "Consent.provision.actor[0].role is required",
                    d -> at(d, "/provision/actor/0").remove("role"));
        }

        @Test
        void what_is_not_fhir_json() {
            assertRefused("malformed-payload", "Consent.colour is not an element of a FHIR R4 Consent resource",
                    d -> d.put("colour", "blue"));
            assertRefused("malformed-payload", "Consent.provision.provision[0].kind is not an element of a FHIR R4"
                    + " provision element", d -> at(d, "/provision/provision/0").put("kind", "x"));
            assertRefused("malformed-payload", "Consent.category must not be an empty array",
                    d -> d.putArray("category"));
            assertRefused("malformed-payload", "Consent.dateTime must be a JSON string, got null",
                    d -> d.putNull("dateTime"));
            assertRefused("malformed-payload", "Consent.dateTime must not be an empty string",
                    d -> d.put("dateTime", ""));
            assertRefused("malformed-payload", "Consent.provision.type must be a JSON string, got a number",
                    d -> at(d, "/provision").put("type", 1));
            assertRefused("malformed-payload", "Consent.resourceType is 'Patient', expected 'Consent'",
                    d -> d.put("resourceType", "Patient"));
        }

        @Test
        void what_is_not_json() {
            for (String bad : List.of("{\"resourceType\": \"Consent\",", "[]", "",
                    "{\"resourceType\": \"Consent\", \"status\": \"active\", \"status\": \"active\"}")) {
                ContractRefusal refusal = assertThrows(ContractRefusal.class,
                        () -> FhirConsentReader.read(utf8(bad), OWNER.publicKey(), meter()));
                assertEquals("malformed-payload", refusal.code(), refusal::getMessage);
                assertTrue(refusal.getMessage().startsWith("Consent"), refusal::getMessage);
            }
        }

        @Test
        void a_refused_import_grants_nothing_on_the_ledger() {
            ConsentFixtures ledger = new ConsentFixtures();
            ObjectNode labelled = tree(document());
            at(labelled, "/provision").putArray("securityLabel").add(coding(FhirSystems.ACT_CODE, "PSY"));

            ContractResult result = ledger.run(T0, OWNER, OWNER_CONSENTS, ConsentContract.IMPORT_FHIR,
                    ContractJson.write(labelled));

            assertEquals("unsupported-fhir-element", result.code());
            assertEquals("Consent.provision.securityLabel is not supported: the ledger's consent model cannot"
                    + " represent it, and nothing is dropped silently", result.text());
            assertTrue(ledger.state().consents().isEmpty());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
