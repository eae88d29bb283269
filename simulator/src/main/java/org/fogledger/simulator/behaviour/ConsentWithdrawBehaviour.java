package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;

/**
 * {@code consent-withdraw}: the owner of a device whose consent is in force withdraws it, confirmed by every
 * validator. Ok when it commits OK; the device is then {@code OPERATIONAL} again, and data requests must be denied.
 * No parameters.
 */
final class ConsentWithdrawBehaviour implements Behaviour {
    static final String KIND = "consent-withdraw";

    private final Parts parts;

    ConsentWithdrawBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params);
        this.parts = parts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onClaimedDevice(parts, parts.fleet.claim(DeviceStage.CONSENTED, random),
                "no device with a consent in force", this::withdraw);
    }

    private CompletionStage<Outcome> withdraw(int device, DeviceStage[] reached) {
        Parts.Consent consent = parts.consents.get(device);
        if (consent == null) {
            throw new IllegalStateException("device " + device + " is CONSENTED with no consent recorded");
        }
        KeyPair owner = parts.ownerKey(device);
        return parts.ledger.submitEverywhere(parts.ledger.sign(owner, "consent/" + owner.publicKey().keyId().hex(),
                "withdraw", "{\"consentId\":\"" + consent.consentId() + "\"}"),
                "consent-withdraw " + parts.fleet.deviceId(device)).thenApply(result -> {
                    if (!Behaviours.committedOk(result)) {
                        return Behaviours.failedTransaction(result);
                    }
                    parts.consents.remove(device);
                    reached[0] = DeviceStage.OPERATIONAL;
                    return Outcome.OK;
                });
    }
}
