package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What a {@link Reference} names. In FHIR each kind is a Reference by identifier, whose system says the kind;
 * organisations, devices and roles also carry the FHIR resource type that holds them (a role is the Group of
 * everyone who holds it, as FHIR's Consent.provision.actor.reference suggests for actors named by type). A key
 * carries no type: whoever holds the key is the actor, be it a Practitioner, a RelatedPerson or a service.
 */
public enum ReferenceKind {
    @JsonProperty("key")
    KEY(FhirSystems.KEY, null),
    @JsonProperty("role")
    ROLE(FhirSystems.ROLE, "Group"),
    @JsonProperty("organization")
    ORGANIZATION(FhirSystems.ORGANIZATION, "Organization"),
    @JsonProperty("device")
    DEVICE(FhirSystems.DEVICE, "Device");

    private final String system;
    private final String fhirType;

    ReferenceKind(String system, String fhirType) {
        this.system = system;
        this.fhirType = fhirType;
    }

    /** The FHIR Identifier.system of this kind. */
    public String system() {
        return system;
    }

    /** The FHIR Reference.type written for this kind, or null (keys). */
    public String fhirType() {
        return fhirType;
    }

    public static Optional<ReferenceKind> ofSystem(String system) {
        for (ReferenceKind kind : values()) {
            if (kind.system.equals(system)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The JSON name ({@code key}, {@code role}, ...). */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
