package org.fogledger.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.fleet.DeviceKeys;
import org.fogledger.simulator.fleet.Fleet;

/**
 * The ranked agents over the simulated fleet: one region agent per region (jurisdiction {@code /sim/r<r>}), and two
 * site agents per site ({@code /sim/r<r>/s<s>}, "a" and "b", so that two agents of equal rank can disagree). Their
 * keys derive from the fleet's seed. {@link #delegate} has the root operator delegate the regions and each region
 * its sites, through the {@code authority} contract, as the demo's agent story does.
 */
final class Hierarchy {
    private final Fleet fleet;
    private final DeviceKeys regionKeys;
    private final DeviceKeys siteKeys;

    Hierarchy(Fleet fleet) {
        this.fleet = fleet;
        this.regionKeys = new DeviceKeys(fleet.spec().seed(), "fogledger-sim-region-agent", 256);
        this.siteKeys = new DeviceKeys(fleet.spec().seed(), "fogledger-sim-site-agent", 1024);
    }

    KeyPair region(int region) {
        return regionKeys.key(region);
    }

    /** Site agent {@code which} (0 or 1) of site {@code site} of region {@code region}. */
    KeyPair site(int region, int site, int which) {
        return siteKeys.key(((long) region * fleet.spec().sitesPerRegion() + site) * 2 + which);
    }

    /** Delegates every region and site agent, signed by {@code root}; throws naming the first that failed. */
    void delegate(LedgerPort ledger, KeyPair root, java.time.Duration timeout) throws Exception {
        int regions = fleet.spec().regions();
        int sites = fleet.spec().sitesPerRegion();
        List<CompletableFuture<String>> regionSteps = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            regionSteps.add(delegation(ledger, root, region(r), "region", Fleet.regionPath(r)));
        }
        awaitAll(regionSteps, timeout);
        List<CompletableFuture<String>> siteSteps = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            for (int s = 0; s < sites; s++) {
                for (int which = 0; which < 2; which++) {
                    siteSteps.add(delegation(ledger, region(r), site(r, s, which), "site", Fleet.sitePath(r, s)));
                }
            }
        }
        awaitAll(siteSteps, timeout);
    }

    private static CompletableFuture<String> delegation(LedgerPort ledger, KeyPair by, KeyPair agent, String rank,
                                                        String jurisdiction) {
        String what = "delegate " + rank + " " + jurisdiction;
        return ledger.submitEverywhere(ledger.sign(by, "authority", "delegate", "{\"agent\":\""
                        + ContractJson.hex(agent.publicKey()) + "\",\"rank\":\"" + rank + "\",\"jurisdiction\":\""
                        + jurisdiction + "\"}"), what).toCompletableFuture()
                .thenApply(result -> result instanceof SubmitResult.Committed done && done.receipt().isOk() ? null
                        : what + ": " + Behaviours.describe(result));
    }

    private static void awaitAll(List<CompletableFuture<String>> steps, java.time.Duration timeout)
            throws Exception {
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        for (CompletableFuture<String> step : steps) {
            String failure = step.join();
            if (failure != null) {
                throw new IllegalStateException("setting up the simulated hierarchy failed: " + failure);
            }
        }
    }
}
