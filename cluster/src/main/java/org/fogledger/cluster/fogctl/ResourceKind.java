package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.fogledger.ledger.client.policy.PolicyDocumentException;
import org.fogledger.ledger.client.policy.PolicyDocuments;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.consent.ConsentTerms;
import org.fogledger.ledger.contract.consent.FhirConsentReader;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.fogledger.ledger.contract.registry.DevicePath;
import org.fogledger.ledger.contract.registry.RegisterCommand;
import org.fogledger.ledger.contract.sharing.SharingCommand;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The kinds of document {@code fogctl apply} takes, and the transaction each becomes. Every spec is read here by
 * the same reader the contract will run (strict {@link ContractJson}, {@link PolicyDocuments},
 * {@link FhirConsentReader}), so {@code --dry-run=client} catches what those readers would refuse; what depends on
 * the ledger's state (authority, versions, narrowing) only the ledger can tell.
 */
enum ResourceKind {
    /** A policy document, sent as {@code authority/_ issue-policy}. */
    Policy {
        @Override
        PlannedTransaction plan(ManifestDocument document, PublicKey signer) {
            PolicyDocument policy;
            try {
                policy = PolicyDocuments.parse(json(document.spec()));
            } catch (PolicyDocumentException e) {
                throw document.specError(e.getMessage());
            }
            ObjectNode payload = ApiClient.JSON.createObjectNode();
            payload.set("document", tree(ContractJson.write(policy)));
            return new PlannedTransaction(name(), policy.scope() + " v" + policy.version(), "authority/_",
                    "issue-policy", canonical(payload));
        }
    },
    /** A device's registration, sent as {@code registry/<deviceId> register}; maker and owner default to the signer. */
    Device {
        @Override
        PlannedTransaction plan(ManifestDocument document, PublicKey signer) {
            ObjectNode spec = object(document);
            String deviceId = deviceId(document, spec);
            ObjectNode payload = spec.deepCopy();
            payload.remove("deviceId");
            if (!payload.has("maker")) {
                payload.put("maker", ContractJson.hex(signer));
            }
            if (!payload.has("owner")) {
                payload.put("owner", ContractJson.hex(signer));
            }
            byte[] bytes = canonical(payload);
            RegisterCommand register = read(document, bytes, RegisterCommand.class);
            require(document, "model", register.model());
            require(document, "deviceKey", register.deviceKey());
            contractCheck(document, () -> DevicePath.validate(register.location(), name(), "location", meter()));
            if (!register.maker().equals(signer)) {
                throw document.error("spec.maker", "field 'maker': the registration must be signed by the maker;"
                        + " you sign with " + ContractJson.hex(signer) + " (leave 'maker' out to be the maker)");
            }
            return new PlannedTransaction(name(), deviceId, "registry/" + deviceId, "register", bytes);
        }
    },
    /** Authority given to an agent, sent as {@code authority/_ delegate}. */
    Delegation {
        @Override
        PlannedTransaction plan(ManifestDocument document, PublicKey signer) {
            byte[] bytes = canonical(object(document));
            AuthorityCommand.Delegate delegate = read(document, bytes, AuthorityCommand.Delegate.class);
            require(document, "agent", delegate.agent());
            require(document, "rank", delegate.rank());
            contractCheck(document, () -> DevicePath.validateScope(delegate.jurisdiction(), name(), "jurisdiction",
                    meter()));
            return new PlannedTransaction(name(), ContractJson.hex(delegate.agent()) + " " + delegate.rank() + " "
                    + delegate.jurisdiction(), "authority/_", "delegate", bytes);
        }
    },
    /**
     * A consent the signer grants over their data, sent to {@code consent/<signer's key id>}: FogLedger's terms
     * ({@code grant}), or a FHIR R4 Consent ({@code resourceType: Consent}, {@code import-fhir}).
     */
    Consent {
        @Override
        PlannedTransaction plan(ManifestDocument document, PublicKey signer) {
            ObjectNode spec = object(document);
            byte[] bytes = canonical(spec);
            String contract = "consent/" + signer.keyId().hex();
            if (spec.has("resourceType")) {
                contractCheck(document, () -> FhirConsentReader.read(bytes, signer, meter()));
                return new PlannedTransaction(name(), "FHIR Consent" + (spec.hasNonNull("id") ? " "
                        + spec.get("id").asText() : ""), contract, "import-fhir", bytes);
            }
            read(document, bytes, ConsentTerms.class);
            return new PlannedTransaction(name(), "consent of " + signer.keyId().shortHex(), contract, "grant", bytes);
        }
    },
    /** The use of a device offered for sharing, sent as {@code registry/<deviceId> offer-sharing}. */
    Offer {
        @Override
        PlannedTransaction plan(ManifestDocument document, PublicKey signer) {
            ObjectNode spec = object(document);
            String deviceId = deviceId(document, spec);
            for (var field : (Iterable<String>) spec::fieldNames) {
                if (!field.equals("deviceId") && !field.equals("terms")) {
                    throw document.error("spec." + field, "field '" + field + "': unknown field; an Offer has"
                            + " 'deviceId' and 'terms'");
                }
            }
            JsonNode terms = spec.get("terms");
            if (terms == null || !terms.isObject()) {
                throw document.error("spec", "field 'terms' is required: the offer's price, unit, gateways...");
            }
            byte[] bytes = canonical(terms);
            try {
                ContractJson.read(bytes, SharingCommand.OfferTerms.class, name());
            } catch (ContractRefusal refusal) {
                throw document.specError(refusal.getMessage().replace("field '", "field 'terms."));
            }
            return new PlannedTransaction(name(), deviceId, "registry/" + deviceId, "offer-sharing", bytes);
        }
    };

    /** The transaction that applies {@code document}, signed later by {@code signer}; refuses with the field. */
    abstract PlannedTransaction plan(ManifestDocument document, PublicKey signer);

    static String names() {
        return Arrays.stream(values()).map(Enum::name).toList().toString();
    }

    static ResourceKind of(ManifestDocument document) {
        for (ResourceKind kind : values()) {
            if (kind.name().equals(document.kind())) {
                return kind;
            }
        }
        throw document.error("kind", "field 'kind': unknown kind '" + document.kind() + "'; expected one of "
                + names());
    }

    /** Plans every document of a file, in order; the first refusal stops, so nothing is sent from a bad file. */
    static List<PlannedTransaction> planAll(List<ManifestDocument> documents, PublicKey signer) {
        return documents.stream().map(document -> of(document).plan(document, signer)).toList();
    }

    static StepMeter meter() {
        return new StepMeter(Long.MAX_VALUE);
    }

    static ObjectNode object(ManifestDocument document) {
        JsonNode spec = document.spec();
        if (spec == null || !spec.isObject()) {
            throw document.error("spec", "field 'spec': expected a mapping of fields");
        }
        return (ObjectNode) spec;
    }

    static String deviceId(ManifestDocument document, ObjectNode spec) {
        JsonNode id = spec.get("deviceId");
        if (id == null || !id.isTextual()) {
            throw document.error("spec", "field 'deviceId' is required (a string)");
        }
        try {
            ContractAddress.of("registry", id.asText());
        } catch (IllegalArgumentException e) {
            throw document.error("spec.deviceId", "field 'deviceId': " + e.getMessage());
        }
        return id.asText();
    }

    static <T> T read(ManifestDocument document, byte[] bytes, Class<T> type) {
        try {
            return ContractJson.read(bytes, type, document.kind());
        } catch (ContractRefusal refusal) {
            throw document.specError(refusal.getMessage());
        }
    }

    static void contractCheck(ManifestDocument document, Runnable check) {
        try {
            check.run();
        } catch (ContractRefusal | IllegalArgumentException refusal) {
            throw document.specError(refusal.getMessage());
        }
    }

    static void require(ManifestDocument document, String field, Object value) {
        if (value == null) {
            throw document.error("spec", "field '" + field + "' is required");
        }
    }

    /** Canonical JSON bytes (sorted keys), the form contracts hash and the one fogctl signs. */
    static byte[] canonical(JsonNode node) {
        return ContractJson.write(ContractJson.mapper().convertValue(node, Object.class));
    }

    static String json(JsonNode node) {
        try {
            return ApiClient.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return ContractJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
