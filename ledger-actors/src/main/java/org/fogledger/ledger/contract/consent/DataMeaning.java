package org.fogledger.ledger.contract.consent;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * FHIR's consent-data-meaning: how a provision's data reference selects data. For a device, the data is what the
 * device produced: the resources that refer to it ({@code dependents}) or that it authored ({@code authoredby});
 * both select the device's readings. {@code instance} and {@code related} would select the Device resource itself
 * (and what it refers to), which is not data a gateway carries, so they are parsed to be refused by name.
 */
public enum DataMeaning {
    @JsonProperty("instance")
    INSTANCE("instance", false),
    @JsonProperty("related")
    RELATED("related", false),
    @JsonProperty("dependents")
    DEPENDENTS("dependents", true),
    @JsonProperty("authoredby")
    AUTHOREDBY("authoredby", true);

    private final String code;
    private final boolean supported;

    DataMeaning(String code, boolean supported) {
        this.code = code;
        this.supported = supported;
    }

    public String code() {
        return code;
    }

    /** Whether the decision point can evaluate this meaning (it selects a device's readings). */
    public boolean supported() {
        return supported;
    }

    public static DataMeaning ofCode(String code) {
        for (DataMeaning meaning : values()) {
            if (meaning.code.equals(code)) {
                return meaning;
            }
        }
        return null;
    }
}
