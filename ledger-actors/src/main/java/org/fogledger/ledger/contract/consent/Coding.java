package org.fogledger.ledger.contract.consent;

/**
 * A code from a code system, as FHIR's Coding: {@code system} and {@code code} identify the concept and are all
 * that decisions compare; {@code display} is the text the grantor was shown, kept as given so an export gives back
 * what was imported.
 */
public record Coding(String system, String code, String display) {

    public static Coding of(String system, String code) {
        return new Coding(system, code, null);
    }

    /** Whether this names the concept {@code system#code}, whatever its display. */
    public boolean is(String system, String code) {
        return system.equals(this.system) && code.equals(this.code);
    }

    @Override
    public String toString() {
        return system + "#" + code;
    }
}
