package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.registry.OwnershipTransferStatement;
import org.fogledger.ledger.contract.registry.ResellCommand;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/**
 * {@code lifecycle}: the owner of an admitted device declares a change of its life on the registry, confirmed by
 * every validator, and the registry's legitimacy verdict must then refuse it: {@code stolen} and {@code blocked}
 * answer {@code blocked}, {@code obsolete} answers {@code rejected} (one-way: docs/contracts/registry.md). Ok when
 * the declaration commits OK and the verdict is the expected one; the device becomes {@code BLOCKED} or
 * {@code RETIRED}, and a case of the blocked-devices check.
 *
 * <p>{@code resold}: the owner resells the device to another owner of the fleet, with the buyer's counter-signature
 * over the ownership-transfer statement, and the buyer installs it again; Ok when both commit OK and the device is
 * admitted again, now under its buyer (whose consents, none yet, govern its data: the seller's no longer do).
 *
 * <p>Parameter {@code change}: {@code stolen} (default), {@code blocked}, {@code obsolete} or {@code resold}.
 */
final class LifecycleBehaviour implements Behaviour {
    static final String KIND = "lifecycle";

    private final Parts parts;
    private final String change;

    LifecycleBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "change");
        this.parts = parts;
        this.change = Behaviours.choice(KIND, params, "change", "stolen", "blocked", "obsolete", "resold");
        if ("resold".equals(change) && parts.fleet.spec().owners() < 2) {
            throw new IllegalArgumentException("behaviour '" + KIND + "': change=resold needs a fleet of at least two "
                    + "owners");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        return Behaviours.onClaimedDevice(parts, parts.fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED,
                random), "no admitted device", (device, reached) -> "resold".equals(change)
                ? resell(device, reached) : declare(device, reached));
    }

    private CompletionStage<Outcome> resell(int device, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        String id = fleet.deviceId(device);
        int seller = parts.ownerOf(device);
        int buyer = (seller + 1) % fleet.spec().owners();
        KeyPair sellerKey = fleet.ownerKey(seller);
        KeyPair buyerKey = fleet.ownerKey(buyer);
        long sequence = parts.resales(device);
        long validUntil = System.currentTimeMillis() + 600_000;
        Signature counter = new OwnershipTransferStatement(parts.ledger.chainId(), id, sellerKey.publicKey(),
                buyerKey.publicKey(), sequence, validUntil).sign(buyerKey);
        String payload = ContractJson.writeString(new ResellCommand(buyerKey.publicKey(), sequence, validUntil,
                counter, null));
        return parts.ledger.submitEverywhere(parts.ledger.sign(sellerKey, "registry/" + id, "resell", payload),
                "resell " + id).thenCompose(result -> {
                    if (!Behaviours.committedOk(result)) {
                        reached[0] = DeviceStage.RETIRED; // sold or not: unknown, so out of the play
                        return Behaviours.done(Behaviours.failedTransaction(result));
                    }
                    // Sold: the buyer owns it, not admitted until the buyer installs it.
                    parts.resold.put(device, new Parts.Ownership(buyer, sequence + 1));
                    parts.consents.remove(device);
                    parts.sessions.forget(device);
                    reached[0] = DeviceStage.REGISTERED;
                    return parts.ledger.submitEverywhere(parts.ledger.sign(buyerKey, "registry/" + id, "declare",
                            "{\"declaration\":\"installed\"}"), "install " + id).thenCompose(installed -> {
                                if (!Behaviours.committedOk(installed)) {
                                    return Behaviours.done(Behaviours.failedTransaction(installed));
                                }
                                reached[0] = DeviceStage.OPERATIONAL;
                                return verdict(id, "admitted");
                            });
                });
    }

    private CompletionStage<Outcome> verdict(String id, String expected) {
        return parts.ledger.query("registry/" + id, "legitimacy", "").thenApply(answer -> {
            String verdict = answer.ok() ? Behaviours.json(answer.json()).path("verdict").asText("?")
                    : "unreadable: " + answer.text();
            return verdict.equals(expected) ? Outcome.OK : new Outcome.Failed("verdict:" + verdict,
                    id + " after " + change + ", legitimacy answers " + answer.text());
        });
    }

    private CompletionStage<Outcome> declare(int device, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        String id = fleet.deviceId(device);
        KeyPair owner = parts.ownerKey(device);
        String expected = "obsolete".equals(change) ? "rejected" : "blocked";
        return parts.ledger.submitEverywhere(parts.ledger.sign(owner, "registry/" + id, "declare",
                "{\"declaration\":\"" + change + "\"}"), change + " " + id).thenCompose(result -> {
                    if (!Behaviours.committedOk(result)) {
                        // Not confirmed everywhere is not the same as not committed: the device may be blocked
                        // now, so it leaves the play rather than be judged later against a guess.
                        reached[0] = DeviceStage.RETIRED;
                        return Behaviours.done(Behaviours.failedTransaction(result));
                    }
                    // From here on the ledger refuses the device, whatever the verdict read below says.
                    reached[0] = "obsolete".equals(change) ? DeviceStage.RETIRED : DeviceStage.BLOCKED;
                    parts.consents.remove(device);
                    parts.blockedCheck.blocked(device, parts.sessions.forget(device));
                    return verdict(id, expected);
                });
    }

}
