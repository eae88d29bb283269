package org.fogledger.agents.gateway;

import java.util.Objects;
import org.fogledger.ledger.contract.registry.Legitimacy;

/** The registry's verdict on a device, and the height of the executed block it was read at. */
public record LegitimacyReading(Legitimacy legitimacy, long height) {

    public LegitimacyReading {
        Objects.requireNonNull(legitimacy, "legitimacy");
    }

    public boolean admitted() {
        return legitimacy.verdict() == org.fogledger.ledger.contract.registry.Verdict.ADMITTED;
    }

    /** {@code blocked: stolen} — the verdict and the registry's reason, as sessions are closed with. */
    public String describe() {
        return "device " + legitimacy.verdict() + ": " + legitimacy.reason();
    }
}
