package org.fogledger.ledger.consensus.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Runs many seeds, each a single-threaded deterministic simulation, spread over the machine's cores. Parallelism
 * changes nothing inside a run, so a seed's result never depends on what ran beside it.
 */
final class SeedRunner {
    private SeedRunner() {
    }

    static List<SimulationResult> run(long firstSeed, int count, LongFunction<SimulationConfig> scenario) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<SimulationResult>> futures = new ArrayList<>(count);
            for (long seed = firstSeed; seed < firstSeed + count; seed++) {
                SimulationConfig config = scenario.apply(seed);
                futures.add(pool.submit(() -> new Simulation(config).run()));
            }
            List<SimulationResult> results = new ArrayList<>(count);
            for (Future<SimulationResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulation crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
