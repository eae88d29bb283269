package org.fogledger.simulator.behaviour;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.simulator.fleet.DeviceKeys;
import org.fogledger.simulator.fleet.Fleet;

/**
 * The ranked agents over the simulated fleet: one region agent per region (jurisdiction {@code /sim/r<r>}), and two
 * site agents per site ({@code /sim/r<r>/s<s>}, "a" and "b", so that two agents of equal rank can disagree). Their
 * keys derive from the fleet's seed. The root operator delegates each region and each region its sites, through the
 * {@code authority} contract as the demo's agent story does, each delegation confirmed by every validator.
 *
 * <p>A small hierarchy (at most {@value #EAGER_SITES} sites) is delegated when the system starts; a larger one site
 * by site, the first time an operation needs that site's agents (a thousand sites would otherwise take minutes of
 * delegations before the first operation), so that operation's latency includes the delegations.
 */
final class Hierarchy {
    static final int EAGER_SITES = 64;

    private final Fleet fleet;
    private final LedgerPort ledger;
    private final KeyPair root;
    private final DeviceKeys regionKeys;
    private final DeviceKeys siteKeys;
    private final Map<Integer, CompletableFuture<Void>> regions = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> sites = new ConcurrentHashMap<>();

    Hierarchy(Fleet fleet, LedgerPort ledger, KeyPair root) {
        this.fleet = fleet;
        this.ledger = ledger;
        this.root = root;
        this.regionKeys = new DeviceKeys(fleet.spec().seed(), "fogledger-sim-region-agent", 256);
        this.siteKeys = new DeviceKeys(fleet.spec().seed(), "fogledger-sim-site-agent", 1024);
    }

    KeyPair region(int region) {
        return regionKeys.key(region);
    }

    /** Site agent {@code which} (0 or 1) of site {@code site} of region {@code region}. */
    KeyPair site(int region, int site, int which) {
        return siteKeys.key(siteSlot(region, site) * 2 + which);
    }

    private long siteSlot(int region, int site) {
        return (long) region * fleet.spec().sitesPerRegion() + site;
    }

    /** Delegates every agent now when the hierarchy is small; throws naming the first delegation that failed. */
    void start(Duration timeout) throws Exception {
        int regionCount = fleet.spec().regions();
        int siteCount = fleet.spec().sitesPerRegion();
        if ((long) regionCount * siteCount > EAGER_SITES) {
            return;
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[regionCount * siteCount];
        for (int r = 0; r < regionCount; r++) {
            for (int s = 0; s < siteCount; s++) {
                all[r * siteCount + s] = ready(r, s).toCompletableFuture();
            }
        }
        try {
            CompletableFuture.allOf(all).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("setting up the simulated hierarchy failed: "
                    + Behaviours.unwrap(e).getMessage(), e);
        }
    }

    /**
     * Completes once the region agent of {@code region} and both site agents of {@code site} are delegated (at once
     * when they already are); fails naming the delegation that failed. A failed delegation is tried again by the
     * next caller.
     */
    CompletionStage<Void> ready(int region, int site) {
        CompletableFuture<Void> regionReady = memo(regions, region, () -> delegation(root, region(region), "region",
                Fleet.regionPath(region)));
        return memo(sites, siteSlot(region, site), () -> regionReady.thenCompose(done -> CompletableFuture.allOf(
                delegation(region(region), site(region, site, 0), "site", Fleet.sitePath(region, site)),
                delegation(region(region), site(region, site, 1), "site", Fleet.sitePath(region, site)))));
    }

    private static <K> CompletableFuture<Void> memo(Map<K, CompletableFuture<Void>> done, K key,
                                                    java.util.function.Supplier<CompletableFuture<Void>> start) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = done.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        start.get().whenComplete((ok, failure) -> {
            if (failure != null) {
                done.remove(key, mine);
                mine.completeExceptionally(failure);
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }

    private CompletableFuture<Void> delegation(KeyPair by, KeyPair agent, String rank, String jurisdiction) {
        String what = "delegate " + rank + " " + jurisdiction;
        return ledger.submitEverywhere(ledger.sign(by, "authority", "delegate", "{\"agent\":\""
                        + ContractJson.hex(agent.publicKey()) + "\",\"rank\":\"" + rank + "\",\"jurisdiction\":\""
                        + jurisdiction + "\"}"), what).toCompletableFuture()
                .thenApply(result -> {
                    if (result instanceof SubmitResult.Committed done && done.receipt().isOk()) {
                        return null;
                    }
                    throw new IllegalStateException(what + ": " + Behaviours.describe(result));
                });
    }
}
