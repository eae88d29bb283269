package org.fogledger.ledger.consensus.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * A checker that cannot fail proves nothing: each planted bug must be caught by the checker meant for it, within a
 * modest number of seeds of the fault families that expose it.
 */
class PlantedBugTest {

    @Test
    void aReplicaThatIgnoresItsLockIsCaught() {
        assertCaught(PlantedBugs.IGNORES_LOCK, "voting-rule", seed -> SimulationConfig.forSeed(seed, 4)
                .withFaults(FaultProfile.TWINS).withReplicaFactory(PlantedBugs.IGNORES_LOCK));
    }

    @Test
    void aReplicaThatVotesTwiceInARoundIsCaught() {
        assertCaught(PlantedBugs.VOTES_TWICE, "voting-rule", seed -> SimulationConfig.forSeed(seed, 4)
                .withFaults(FaultProfile.TWINS).withReplicaFactory(PlantedBugs.VOTES_TWICE));
    }

    @Test
    void aReplicaThatVotesBeforePersistingIsCaughtByDurability() {
        assertCaught(PlantedBugs.SKIPS_PERSIST, "durability", seed -> SimulationConfig.forSeed(seed, 4)
                .withReplicaFactory(PlantedBugs.SKIPS_PERSIST));
    }

    private static void assertCaught(ReplicaFactory bug, String checker, LongFunction<SimulationConfig> scenario) {
        int seeds = Integer.getInteger("consensus.plantedSeeds", 200);
        List<SimulationResult> results = SeedRunner.run(1, seeds, scenario);
        long caught = results.stream()
                .filter(r -> r.violation() != null && r.violation().startsWith(checker + ":")).count();
        System.out.printf("planted bug %s: caught by %s in %d of %d seeds%n", bug.name(), checker, caught, seeds);
        results.stream().filter(r -> r.violation() != null && r.violation().startsWith(checker + ":")).findFirst()
                .ifPresent(r -> System.out.println("  first: " + r.config() + "\n  " + r.violation()));
        assertTrue(caught > 0, "the " + checker + " checker never caught the planted bug '" + bug.name() + "' in "
                + seeds + " seeds");
    }
}
