package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Writes a consent as a FHIR R4 Consent (JSON), members in the order of the FHIR specification. What the ledger
 * knows beyond the terms goes where FHIR puts it: the consent id as {@code id}, the status as {@code status}
 * ({@code active}, or {@code inactive} once withdrawn) and the owner's key as {@code patient}.
 * {@link FhirConsentReader} reads the result back to equal terms.
 */
public final class FhirConsentWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FhirConsentWriter() {
    }

    public static ObjectNode write(ConsentRecord record, PublicKey owner) {
        ConsentTerms terms = record.terms();
        ObjectNode consent = NODES.objectNode();
        consent.put("resourceType", "Consent");
        consent.put("id", record.id());
        consent.put("status", record.status() == ConsentStatus.ACTIVE ? "active" : "inactive");
        consent.set("scope", codeableConcept(terms.scope()));
        consent.set("category", array(terms.category(), FhirConsentWriter::codeableConcept));
        ObjectNode patient = consent.putObject("patient");
        patient.set("identifier", identifier(FhirSystems.KEY, ContractJson.hex(owner)));
        if (terms.dateTime() != null) {
            consent.put("dateTime", terms.dateTime());
        }
        putArray(consent, "performer", terms.performer(), FhirConsentWriter::reference);
        putArray(consent, "organization", terms.organization(), FhirConsentWriter::reference);
        putArray(consent, "policy", terms.policy(), policy -> {
            ObjectNode node = NODES.objectNode();
            putIfPresent(node, "authority", policy.authority());
            putIfPresent(node, "uri", policy.uri());
            return node;
        });
        if (terms.policyRule() != null) {
            consent.set("policyRule", codeableConcept(terms.policyRule()));
        }
        consent.set("provision", provision(terms.provision()));
        return consent;
    }

    /** The FHIR document as bytes. */
    public static byte[] writeBytes(ConsentRecord record, PublicKey owner) {
        return ContractJson.write(write(record, owner));
    }

    private static ObjectNode provision(Provision provision) {
        ObjectNode node = NODES.objectNode();
        node.put("type", provision.type().code());
        if (provision.period() != null) {
            node.set("period", period(provision.period()));
        }
        putArray(node, "actor", provision.actor(), actor -> {
            ObjectNode actorNode = NODES.objectNode();
            actorNode.set("role", codeableConcept(actor.role()));
            actorNode.set("reference", reference(actor.reference()));
            return actorNode;
        });
        putArray(node, "action", provision.action(), FhirConsentWriter::codeableConcept);
        putArray(node, "purpose", provision.purpose(), FhirConsentWriter::coding);
        putArray(node, "class", provision.dataClass(), FhirConsentWriter::coding);
        if (provision.dataPeriod() != null) {
            node.set("dataPeriod", period(provision.dataPeriod()));
        }
        putArray(node, "data", provision.data(), data -> {
            ObjectNode dataNode = NODES.objectNode();
            dataNode.put("meaning", data.meaning().code());
            dataNode.set("reference", reference(data.reference()));
            return dataNode;
        });
        putArray(node, "provision", provision.provision(), FhirConsentWriter::provision);
        return node;
    }

    private static ObjectNode reference(Reference reference) {
        ObjectNode node = NODES.objectNode();
        putIfPresent(node, "type", reference.kind().fhirType());
        node.set("identifier", identifier(reference.kind().system(), reference.value()));
        putIfPresent(node, "display", reference.display());
        return node;
    }

    private static ObjectNode identifier(String system, String value) {
        ObjectNode node = NODES.objectNode();
        node.put("system", system);
        node.put("value", value);
        return node;
    }

    private static ObjectNode codeableConcept(Coding coding) {
        ObjectNode node = NODES.objectNode();
        node.putArray("coding").add(coding(coding));
        return node;
    }

    private static ObjectNode coding(Coding coding) {
        ObjectNode node = NODES.objectNode();
        node.put("system", coding.system());
        node.put("code", coding.code());
        putIfPresent(node, "display", coding.display());
        return node;
    }

    private static ObjectNode period(Period period) {
        ObjectNode node = NODES.objectNode();
        if (period.start() != null) {
            node.put("start", FhirTime.format(period.start()));
        }
        if (period.end() != null) {
            node.put("end", FhirTime.format(period.end()));
        }
        return node;
    }

    private static <T> ArrayNode array(List<T> values, Function<T, ObjectNode> write) {
        ArrayNode array = NODES.arrayNode();
        for (T value : values) {
            array.add(write.apply(value));
        }
        return array;
    }

    /** FHIR JSON has no empty arrays: an empty list is left out. */
    private static <T> void putArray(ObjectNode node, String name, List<T> values, Function<T, ObjectNode> write) {
        if (!values.isEmpty()) {
            node.set(name, array(values, write));
        }
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
