package org.fogledger.ledger.consensus.simulation;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.fogledger.ledger.consensus.ConsensusConfig;

/**
 * Everything a simulated run depends on, all derived from its seed: the same seed gives the same run, event for
 * event.
 *
 * @param replicaFactory which replica code the honest validators run (tests plant broken variants here)
 */
public record SimulationConfig(
        long seed,
        int validators,
        FaultProfile faults,
        boolean crashes,
        boolean partitions,
        double dropRate,
        double duplicateRate,
        long minDelayMillis,
        long maxDelayMillis,
        long chaosMillis,
        long livenessBudgetMillis,
        long livenessRoundBudget,
        long clientIntervalMillis,
        ConsensusConfig consensus,
        ReplicaFactory replicaFactory) {

    public static final String CHAIN_ID = "fogledger-sim";

    /** The scenario family of {@code validators} validators, varied by the seed. */
    public static SimulationConfig forSeed(long seed, int validators) {
        SplittableRandom random = new SplittableRandom(seed);
        FaultProfile[] profiles = FaultProfile.values();
        FaultProfile faults = profiles[random.nextInt(profiles.length)];
        boolean crashes = random.nextInt(3) > 0;
        boolean partitions = faults == FaultProfile.TWINS || random.nextBoolean();
        double dropRate = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.15;
        double duplicateRate = random.nextDouble() * 0.05;
        long minDelay = 1 + random.nextInt(5);
        long maxDelay = minDelay + 5 + random.nextInt(60);
        ConsensusConfig consensus = ConsensusConfig.defaults(CHAIN_ID)
                .withRoundTimeouts(400, 3_200, 150)
                .withMaxTransactionsPerBlock(20);
        return new SimulationConfig(seed, validators, faults, crashes, partitions, dropRate, duplicateRate, minDelay,
                maxDelay, 8_000, 60_000, 60, 250 + random.nextInt(250), consensus, ReplicaFactory.HONEST);
    }

    public SimulationConfig withFaults(FaultProfile profile) {
        return new SimulationConfig(seed, validators, profile, crashes, partitions || profile == FaultProfile.TWINS,
                dropRate, duplicateRate, minDelayMillis, maxDelayMillis, chaosMillis, livenessBudgetMillis,
                livenessRoundBudget, clientIntervalMillis, consensus, replicaFactory);
    }

    public SimulationConfig withReplicaFactory(ReplicaFactory factory) {
        return new SimulationConfig(seed, validators, faults, crashes, partitions, dropRate, duplicateRate,
                minDelayMillis, maxDelayMillis, chaosMillis, livenessBudgetMillis, livenessRoundBudget,
                clientIntervalMillis, consensus, factory);
    }

    public SimulationConfig with(Function<SimulationConfig, SimulationConfig> change) {
        return change.apply(this);
    }

    public SimulationConfig withNetwork(boolean crashes, boolean partitions, double dropRate, double duplicateRate) {
        return new SimulationConfig(seed, validators, faults, crashes, partitions, dropRate, duplicateRate,
                minDelayMillis, maxDelayMillis, chaosMillis, livenessBudgetMillis, livenessRoundBudget,
                clientIntervalMillis, consensus, replicaFactory);
    }

    @Override
    public String toString() {
        return "seed=" + seed + " n=" + validators + " faults=" + faults + " crashes=" + crashes + " partitions="
                + partitions + String.format(" drop=%.3f dup=%.3f", dropRate, duplicateRate) + " delay=" + minDelayMillis
                + ".." + maxDelayMillis + "ms replicas=" + replicaFactory.name();
    }
}
