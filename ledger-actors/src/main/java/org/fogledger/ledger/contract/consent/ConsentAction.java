package org.fogledger.ledger.contract.consent;

import java.util.Optional;

/**
 * What a recipient may do with the data. The first five are FHIR R4's consent-action codes; {@code aggregate}
 * (combine with other people's data) has no FHIR code and lives in the FogLedger system. "Use for research" is
 * not an action of its own: it is {@code use} with a research purpose (HRESCH or one of its descendants), which is
 * how FHIR expresses it.
 */
public enum ConsentAction {
    COLLECT(FhirSystems.CONSENT_ACTION, "collect", "Collect"),
    ACCESS(FhirSystems.CONSENT_ACTION, "access", "Access"),
    USE(FhirSystems.CONSENT_ACTION, "use", "Use"),
    DISCLOSE(FhirSystems.CONSENT_ACTION, "disclose", "Disclose"),
    CORRECT(FhirSystems.CONSENT_ACTION, "correct", "Access and Correct"),
    AGGREGATE(FhirSystems.FOGLEDGER_ACTION, "aggregate", "Aggregate");

    private final String system;
    private final String code;
    private final String display;

    ConsentAction(String system, String code, String display) {
        this.system = system;
        this.code = code;
        this.display = display;
    }

    public String system() {
        return system;
    }

    /** The code; unique across both systems, so a decision request names an action by its code alone. */
    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public Coding coding() {
        return new Coding(system, code, display);
    }

    public static Optional<ConsentAction> ofCode(String code) {
        for (ConsentAction action : values()) {
            if (action.code.equals(code)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    public static Optional<ConsentAction> of(Coding coding) {
        for (ConsentAction action : values()) {
            if (action.system.equals(coding.system()) && action.code.equals(coding.code())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** The accepted codes by system, for error messages. */
    static String describeAll() {
        StringBuilder out = new StringBuilder();
        String system = null;
        for (ConsentAction action : values()) {
            if (!action.system.equals(system)) {
                if (system != null) {
                    out.append(" (").append(system).append(") or ");
                }
                system = action.system;
            } else {
                out.append(", ");
            }
            out.append(action.code);
        }
        return out.append(" (").append(system).append(')').toString();
    }
}
