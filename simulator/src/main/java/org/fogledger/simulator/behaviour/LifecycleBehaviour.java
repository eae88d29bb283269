package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.crypto.KeyPair;
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
 * <p>Parameter {@code change}: {@code stolen} (default), {@code blocked} or {@code obsolete}. A resale is not
 * simulated: it needs the buyer's counter-signature over an ownership-transfer statement, and the fleet derives each
 * device's owner from its index (a resold device would need its new owner stored).
 */
final class LifecycleBehaviour implements Behaviour {
    static final String KIND = "lifecycle";

    private final Parts parts;
    private final String change;

    LifecycleBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "change");
        this.parts = parts;
        this.change = Behaviours.choice(KIND, params, "change", "stolen", "blocked", "obsolete");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        Fleet fleet = parts.fleet;
        Fleet.Claimed claimed = fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random);
        if (claimed == null) {
            return Behaviours.skipped("no admitted device");
        }
        int device = claimed.device();
        DeviceStage[] reached = {claimed.from()};
        return Behaviours.guarded(() -> declare(device, reached))
                .whenComplete((outcome, failure) -> fleet.release(device, reached[0]));
    }

    private CompletionStage<Outcome> declare(int device, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        String id = fleet.deviceId(device);
        KeyPair owner = fleet.ownerKey(fleet.ownerOf(device));
        String expected = "obsolete".equals(change) ? "rejected" : "blocked";
        return parts.ledger.submitEverywhere(parts.ledger.sign(owner, "registry/" + id, "declare",
                "{\"declaration\":\"" + change + "\"}"), change + " " + id).thenCompose(result -> {
                    if (!Behaviours.committedOk(result)) {
                        return Behaviours.done(Behaviours.failedTransaction(result));
                    }
                    // From here on the ledger refuses the device, whatever the verdict read below says.
                    reached[0] = "obsolete".equals(change) ? DeviceStage.RETIRED : DeviceStage.BLOCKED;
                    parts.consents.remove(device);
                    parts.sessions.forget(device);
                    parts.blockedCheck.blocked(device);
                    return parts.ledger.query("registry/" + id, "legitimacy", "").thenApply(answer -> {
                        String verdict = answer.ok() ? Behaviours.json(answer.json()).path("verdict").asText("?")
                                : "unreadable: " + answer.text();
                        return verdict.equals(expected) ? Outcome.OK : new Outcome.Failed("verdict:" + verdict,
                                id + " declared " + change + ", legitimacy answers " + answer.text());
                    });
                });
    }
}
