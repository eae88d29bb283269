package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.DataRequest;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.ledger.contract.consent.ConsentAction;
import org.fogledger.ledger.contract.consent.PurposeOfUse;
import org.fogledger.ledger.contract.consent.Recipient;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/**
 * {@code data-request}: a third party asks the gateway for an admitted device's heart rate (docs/GATEWAYS.md, "Data
 * to third parties"). The device first sends a reading if the simulator holds no session for it (so the gateway holds
 * data to hand over). The answer must be {@code Delivered} with readings exactly when a consent in force allows it
 * (the simulator's own record of grants and withdrawals, each confirmed by every validator before it counts), and
 * {@code Denied} otherwise; every request that must be denied is a case of the denied-flows check.
 *
 * <p>Parameters: {@code recipient} {@code any} (default: the consented organisation or, one time in four, a stranger
 * organisation), {@code consented} or {@code stranger}; {@code devices} {@code any} (default), {@code consented}
 * (devices with a consent in force) or {@code unconsented}; {@code purpose} the purpose asked for (default: the
 * consent's, or {@value ConsentGrantBehaviour#DEFAULT_PURPOSE}). In-process gateway only: over MQTT there is no way
 * for third parties to ask (docs/MQTT.md carries devices' topics only).
 */
final class DataRequestBehaviour implements Behaviour {
    static final String KIND = "data-request";
    static final String STRANGER = "org-sim-stranger";

    private final Parts parts;
    private final String recipient;
    private final String devices;
    private final String purpose;

    DataRequestBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "recipient", "devices", "purpose");
        if (parts.inProcess == null) {
            throw new IllegalArgumentException("behaviour '" + KIND + "' needs the gateway in this JVM (an embedded "
                    + "system): third parties ask the gateway actor, which MQTT does not carry");
        }
        this.parts = parts;
        this.recipient = Behaviours.choice(KIND, params, "recipient", "any", "consented", "stranger");
        this.devices = Behaviours.choice(KIND, params, "devices", "any", "consented", "unconsented");
        this.purpose = params.containsKey("purpose") ? ConsentGrantBehaviour.purpose(KIND, params) : null;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        Fleet fleet = parts.fleet;
        Fleet.Claimed claimed = switch (devices) {
            case "consented" -> fleet.claim(DeviceStage.CONSENTED, random);
            case "unconsented" -> fleet.claim(DeviceStage.OPERATIONAL, random);
            default -> fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random);
        };
        if (claimed == null) {
            return Behaviours.skipped("no admitted device" + ("any".equals(devices) ? "" : " (" + devices + ")"));
        }
        int device = claimed.device();
        boolean stranger = switch (recipient) {
            case "stranger" -> true;
            case "consented" -> false;
            default -> random.nextInt(4) == 0;
        };
        return Behaviours.guarded(parts.work, () -> request(device, stranger))
                .whenComplete((outcome, failure) -> fleet.release(device, claimed.from()));
    }

    private CompletionStage<Outcome> request(int device, boolean stranger) {
        CompletionStage<Outcome> ready = parts.sessions.hasSession(device, "inprocess")
                ? Behaviours.done(Outcome.OK) : TelemetryBehaviour.send(parts, parts.inProcess, device, true);
        return ready.thenCompose(sent -> {
            if (!(sent instanceof Outcome.Ok)) {
                return Behaviours.done(sent);
            }
            Parts.Consent consent = parts.consents.get(device);
            String asked = purpose != null ? purpose
                    : consent != null ? consent.purpose() : ConsentGrantBehaviour.DEFAULT_PURPOSE;
            String organisation = stranger ? STRANGER : Parts.THIRD_PARTY;
            KeyPair recipientKey = parts.strangerKeys.key(stranger ? 1 : 0);
            boolean mayHave = !stranger && consent != null && PurposeOfUse.covers(consent.purpose(), asked);
            String deviceId = parts.fleet.deviceId(device);
            DataRequest request = new DataRequest(deviceId, DeviceSessions.HEART_RATE, new Recipient(
                    recipientKey.publicKey(), "analyst", organisation), asked, ConsentAction.ACCESS);
            return parts.inProcess.requestData(request).thenApply(answer -> judge(deviceId, organisation, asked,
                    consent, mayHave, answer));
        });
    }

    private Outcome judge(String deviceId, String organisation, String asked, Parts.Consent consent,
                          boolean mayHave, Gateway.DataAnswer answer) {
        if (mayHave) {
            if (answer instanceof Gateway.DataAnswer.Delivered delivered && !delivered.readings().isEmpty()) {
                return Outcome.OK;
            }
            return new Outcome.Failed("denied-despite-consent", deviceId + " to " + organisation + " for " + asked
                    + " under consent " + consent.consentId() + ": " + answer);
        }
        String why = stranger(organisation) ? "no consent names " + organisation
                : consent == null ? "no consent in force" : "consent for " + consent.purpose() + ", asked " + asked;
        int handedOver = answer instanceof Gateway.DataAnswer.Delivered delivered ? delivered.readings().size() : 0;
        parts.deniedCheck.denied(deviceId, organisation, why, handedOver);
        return handedOver == 0 ? Outcome.OK : new Outcome.Failed("delivered-despite-denial", deviceId + " to "
                + organisation + " (" + why + "): " + handedOver + " reading(s) delivered");
    }

    private static boolean stranger(String organisation) {
        return STRANGER.equals(organisation);
    }
}
