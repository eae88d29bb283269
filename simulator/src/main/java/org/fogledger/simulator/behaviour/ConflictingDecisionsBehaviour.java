package org.fogledger.simulator.behaviour;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.DeviceStage;
import org.fogledger.simulator.fleet.Fleet;

/**
 * {@code conflicting-decisions}: two agents decide opposite things about the same admitted device at the same time
 * ({@code block} and {@code release}, signed {@code authority.decide}), and the arbitration contract must settle
 * them as its rules say (docs/contracts/arbitration.md; the simulated places have no policy, so equal ranks settle by
 * first committed): with {@code ranks=different} the device's region agent outranks its site agent, whichever
 * commits first; with {@code ranks=equal} the two site agents of its site, and the decision committed first (by
 * height, then index) stands. Ok when both decisions commit OK and the arbitration's hold, read after both, is the
 * one the rules give. A device blocked this way becomes {@code BLOCKED} (a case of the blocked-devices check).
 *
 * <p>Each device is the subject of at most one such conflict (later decisions would be weighed against the standing
 * ones); the operation is skipped when it finds only devices already used.
 */
final class ConflictingDecisionsBehaviour implements Behaviour {
    static final String KIND = "conflicting-decisions";

    private final Parts parts;
    private final boolean equalRanks;

    ConflictingDecisionsBehaviour(Parts parts, Map<String, String> params) {
        Behaviours.acceptOnly(KIND, params, "ranks");
        this.parts = parts;
        this.equalRanks = Behaviours.choice(KIND, params, "ranks", "different", "equal").equals("equal");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Outcome> start(SplittableRandom random) {
        Fleet fleet = parts.fleet;
        for (int attempt = 0; attempt < 4; attempt++) {
            Fleet.Claimed claimed = fleet.claim(DeviceStage.OPERATIONAL, DeviceStage.CONSENTED, random);
            if (claimed == null) {
                return Behaviours.skipped("no admitted device");
            }
            int device = claimed.device();
            if (!fleet.markOnce(device)) {
                fleet.release(device, claimed.from());
                continue;
            }
            boolean firstBlocks = random.nextBoolean();
            return Behaviours.onClaimedDevice(parts, claimed, "no admitted device",
                    (claimedDevice, reached) -> conflict(claimedDevice, firstBlocks, reached));
        }
        return Behaviours.skipped("the devices picked were already the subject of a conflict");
    }

    private CompletionStage<Outcome> conflict(int device, boolean firstBlocks, DeviceStage[] reached) {
        Fleet fleet = parts.fleet;
        int region = fleet.regionOf(device);
        int site = fleet.siteOf(device);
        KeyPair first = equalRanks ? parts.hierarchy.site(region, site, 0) : parts.hierarchy.region(region);
        KeyPair second = parts.hierarchy.site(region, site, equalRanks ? 1 : 0);
        String firstAction = firstBlocks ? "block" : "release";
        String secondAction = firstBlocks ? "release" : "block";
        String id = fleet.deviceId(device);
        return parts.hierarchy.ready(region, site).thenCompose(agentsReady -> {
            CompletableFuture<SubmitResult> a = decide(first, id, firstAction).toCompletableFuture();
            CompletableFuture<SubmitResult> b = decide(second, id, secondAction).toCompletableFuture();
            return a.thenCombine(b, (ra, rb) -> new SubmitResult[] {ra, rb});
        }).thenCompose(results -> {
            for (SubmitResult result : results) {
                if (!Behaviours.committedOk(result)) {
                    // The other decision may have committed: the device's hold is unknown, so it leaves the play
                    // (no behaviour picks a retired device) rather than be judged later against a guess.
                    reached[0] = DeviceStage.RETIRED;
                    return Behaviours.done(Behaviours.failedTransaction(result));
                }
            }
            String winning;
            if (equalRanks) {
                var ra = ((SubmitResult.Committed) results[0]).receipt();
                var rb = ((SubmitResult.Committed) results[1]).receipt();
                boolean aFirst = ra.height() < rb.height() || (ra.height() == rb.height() && ra.index() < rb.index());
                winning = aFirst ? firstAction : secondAction;
            } else {
                winning = firstAction;
            }
            String expectedHold = "block".equals(winning) ? "blocked" : "open";
            return parts.ledger.query("arbitration/" + id, "standing", "").thenApply(answer -> {
                String hold = answer.ok() ? Behaviours.json(answer.json()).path("hold").asText("?")
                        : "unreadable: " + answer.text();
                if ("blocked".equals(hold)) {
                    reached[0] = DeviceStage.BLOCKED;
                    parts.consents.remove(device);
                    parts.blockedCheck.blocked(device, parts.sessions.forget(device));
                } else {
                    // A block that committed first and was then lifted closed the device's session at the gateway
                    // in between: the device says hello again next time rather than reading into a closed session.
                    parts.sessions.forget(device);
                }
                return hold.equals(expectedHold) ? Outcome.OK : new Outcome.Failed("arbitration:" + hold,
                        id + ": " + (equalRanks ? "two sites" : "region " + firstAction + " over site "
                                + secondAction) + ", " + winning + " should stand, hold is " + hold + " ("
                                + answer.text() + ")");
            });
        });
    }

    private CompletionStage<SubmitResult> decide(KeyPair agent, String deviceId, String action) {
        return parts.ledger.submitEverywhere(parts.ledger.sign(agent, "authority", "decide", "{\"deviceId\":\""
                + deviceId + "\",\"action\":\"" + action + "\"}"), "decide " + action + " " + deviceId);
    }

}
