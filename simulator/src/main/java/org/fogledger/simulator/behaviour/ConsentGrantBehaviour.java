package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.contract.consent.PurposeOfUse;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/**
 * {@code consent-grant}: the owner of an admitted device with no consent in force grants the simulated third party
 * ({@value Parts#THIRD_PARTY}) access to the device's heart rate for a purpose, on {@code consent/<owner key id>}
 * (docs/contracts/consent.md), confirmed by every validator. Ok when it commits OK with a consent id; the device is
 * then {@code CONSENTED} and data requests for that purpose must be delivered.
 *
 * <p>Parameter {@code purpose}: a v3 PurposeOfUse code (default {@code HRESCH}, healthcare research; {@code TREAT},
 * {@code PUBHLTH}, ...).
 */
final class ConsentGrantBehaviour implements Behaviour {
    static final String KIND = "consent-grant";
    static final String DEFAULT_PURPOSE = "HRESCH";

    private final Parts parts;
    private final String purpose;

    ConsentGrantBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "purpose");
        this.parts = parts;
        this.purpose = purpose(KIND, params);
    }

    static String purpose(String kind, Map<String, String> params) {
        String purpose = params.getOrDefault("purpose", DEFAULT_PURPOSE);
        if (!PurposeOfUse.isCode(purpose)) {
            throw new IllegalArgumentException("behaviour '" + kind + "': purpose=" + purpose + " is not a v3 "
                    + "PurposeOfUse code (e.g. HRESCH for research, TREAT, PUBHLTH)");
        }
        return purpose;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onClaimedDevice(parts, parts.fleet.claim(DeviceStage.OPERATIONAL, random),
                "no admitted device without a consent", this::grant);
    }

    private CompletionStage<Outcome> grant(int device, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        String id = fleet.deviceId(device);
        KeyPair owner = parts.ownerKey(device);
        String terms = """
                {"provision": {"type": "permit",
                  "actor": [{"reference": {"kind": "organization", "value": "%s"}}],
                  "action": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "access"}],
                  "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "%s"}],
                  "class": [{"system": "http://loinc.org", "code": "8867-4"}],
                  "data": [{"meaning": "authoredby", "reference": {"kind": "device", "value": "%s"}}]}}
                """.formatted(Parts.THIRD_PARTY, purpose, id);
        return parts.ledger.submitEverywhere(parts.ledger.sign(owner, "consent/" + owner.publicKey().keyId().hex(),
                "grant", terms), "consent-grant " + id).thenApply(result -> {
                    if (!Behaviours.committedOk(result)) {
                        return Behaviours.failedTransaction(result);
                    }
                    String consentId = Behaviours.json(((SubmitResult.Committed) result).receipt().result()).path("consentId").asText("");
                    if (consentId.isEmpty()) {
                        return new Outcome.Failed("no-consent-id", "grant on " + id + " answered "
                                + Behaviours.describe(result));
                    }
                    parts.consents.put(device, new Parts.Consent(consentId, purpose));
                    reached[0] = DeviceStage.CONSENTED;
                    return Outcome.OK;
                });
    }
}
