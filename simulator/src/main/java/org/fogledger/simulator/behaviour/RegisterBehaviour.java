package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/**
 * {@code register}: a device of the fleet not yet on the registry is registered by its owner (as its own maker:
 * docs/contracts/registry.md), with its key, model and place, then commissioned and installed, each step a signed
 * transaction that must commit OK before the next. The installation is confirmed by every validator, so that any of
 * them a gateway asks admits the device. Ok when all three committed OK; the device is then operational.
 *
 * <p>Parameter {@code until}: {@code operational} (default) or {@code registered} (register only; the device stays
 * unadmitted).
 */
final class RegisterBehaviour implements Behaviour {
    static final String KIND = "register";
    static final String MODEL = "sim-heart-monitor";

    private final Parts parts;
    private final boolean installToo;

    RegisterBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "until");
        this.parts = parts;
        this.installToo = Behaviours.choice(KIND, params, "until", "operational", "registered").equals("operational");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onClaimedDevice(parts, parts.fleet.claim(DeviceStage.UNREGISTERED, random),
                "every device is registered", this::register);
    }

    private CompletionStage<Outcome> register(int device, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        String id = fleet.deviceId(device);
        KeyPair owner = parts.ownerKey(device);
        String ownerHex = ContractJson.hex(owner.publicKey());
        LedgerPort ledger = parts.ledger;
        String address = "registry/" + id;
        return ledger.submit(ledger.sign(owner, address, "register", "{\"deviceKey\":\""
                + ContractJson.hex(fleet.deviceKey(device).publicKey()) + "\",\"model\":\"" + MODEL
                + "\",\"maker\":\"" + ownerHex + "\",\"owner\":\"" + ownerHex + "\",\"location\":\""
                + fleet.location(device) + "\"}"), "register " + id).thenCompose(registered -> {
                    if (!Behaviours.committedOk(registered)) {
                        return Behaviours.done(Behaviours.failedTransaction(registered));
                    }
                    reached[0] = DeviceStage.REGISTERED;
                    if (!installToo) {
                        return Behaviours.done(Outcome.OK);
                    }
                    return ledger.submit(declare(owner, address, "commissioned"), "commission " + id)
                            .thenCompose(commissioned -> {
                                if (!Behaviours.committedOk(commissioned)) {
                                    return Behaviours.done(Behaviours.failedTransaction(commissioned));
                                }
                                return ledger.submitEverywhere(declare(owner, address, "installed"), "install " + id)
                                        .thenApply(installed -> {
                                            if (!Behaviours.committedOk(installed)) {
                                                return Behaviours.failedTransaction(installed);
                                            }
                                            reached[0] = DeviceStage.OPERATIONAL;
                                            return Outcome.OK;
                                        });
                            });
                });
    }

    private org.fogledger.ledger.chain.Transaction declare(KeyPair owner, String address, String declaration) {
        return parts.ledger.sign(owner, address, "declare", "{\"declaration\":\"" + declaration + "\"}");
    }
}
