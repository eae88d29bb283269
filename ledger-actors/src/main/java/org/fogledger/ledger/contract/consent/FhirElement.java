package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;

/**
 * A JSON object of a FHIR document with its path ({@code Consent.provision.provision[1]}), for reading it strictly:
 * every member must be one we read, and reading a member checks its JSON type and FHIR's rules for JSON (no
 * nulls, no empty strings, arrays or objects). Each element read is charged to the meter, so a document's cost
 * is bounded by its size.
 */
final class FhirElement {
    static final String UNSUPPORTED = "unsupported-fhir-element";
    static final String MALFORMED = "malformed-payload";

    private final JsonNode node;
    private final String path;
    private final StepMeter meter;

    private FhirElement(JsonNode node, String path, StepMeter meter) {
        meter.charge();
        if (!node.isObject()) {
            throw malformed(path, "must be a JSON object, got " + describe(node));
        }
        if (node.isEmpty()) {
            throw malformed(path, "must not be an empty object (FHIR JSON has no empty elements)");
        }
        this.node = node;
        this.path = path;
        this.meter = meter;
    }

    static FhirElement root(JsonNode node, String path, StepMeter meter) {
        return new FhirElement(node, path, meter);
    }

    String path() {
        return path;
    }

    String path(String member) {
        return path + "." + member;
    }

    /**
     * Refuses the first member, in document order, that is not in {@code read}: as unsupported if FHIR R4 defines
     * it here ({@code defined}), as malformed otherwise. Nothing in the document is ever skipped unread.
     */
    void onlyMembers(Set<String> read, Set<String> defined) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (read.contains(name)) {
                continue;
            }
            if (defined.contains(name)) {
                throw unsupported(path(name), "is not supported: the ledger's consent model cannot represent it,"
                        + " and nothing is dropped silently");
            }
            if (name.startsWith("_") && (read.contains(name.substring(1)) || defined.contains(name.substring(1)))) {
                throw unsupported(path(name), "is not supported: extensions and ids of primitive values cannot be"
                        + " represented");
            }
            throw malformed(path(name), "is not an element of a FHIR R4 " + typeName());
        }
    }

    boolean has(String member) {
        return node.has(member);
    }

    /** A primitive string member, or null when absent. */
    String string(String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw malformed(path(member), "must be a JSON string, got " + describe(value));
        }
        if (value.textValue().isEmpty()) {
            throw malformed(path(member), "must not be an empty string (FHIR JSON has no empty values)");
        }
        return value.textValue();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null) {
            throw malformed(path(member), "is required");
        }
        return value;
    }

    /** An object member, or null when absent. */
    FhirElement object(String member) {
        JsonNode value = node.get(member);
        return value == null ? null : new FhirElement(value, path(member), meter);
    }

    FhirElement requiredObject(String member) {
        FhirElement value = object(member);
        if (value == null) {
            throw malformed(path(member), "is required");
        }
        return value;
    }

    /** An array member of objects, empty when absent. */
    List<FhirElement> objects(String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw malformed(path(member), "must be a JSON array, got " + describe(value));
        }
        if (value.isEmpty()) {
            throw malformed(path(member), "must not be an empty array (FHIR JSON has no empty elements)");
        }
        meter.charge(value.size());
        if (value.size() > ConsentLimits.MAX_LIST_ENTRIES) {
            throw new ContractRefusal(ConsentTermsValidator.CODE, path(member) + " has " + value.size()
                    + " entries, over the limit of " + ConsentLimits.MAX_LIST_ENTRIES);
        }
        List<FhirElement> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            elements.add(new FhirElement(value.get(i), path(member) + "[" + i + "]", meter));
        }
        return elements;
    }

    List<FhirElement> requiredObjects(String member) {
        List<FhirElement> elements = objects(member);
        if (elements.isEmpty()) {
            throw malformed(path(member), "is required");
        }
        return elements;
    }

    ContractRefusal unsupported(String at, String message) {
        return new ContractRefusal(UNSUPPORTED, at + " " + message);
    }

    static ContractRefusal malformed(String at, String message) {
        return new ContractRefusal(MALFORMED, at + " " + message);
    }

    private String typeName() {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        int bracket = last.indexOf('[');
        return dot < 0 ? last + " resource" : (bracket < 0 ? last : last.substring(0, bracket)) + " element";
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
