package org.fogledger.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.engine.Outcome;

/** A tiny closed loop in place of the engine: {@code times} operations, at most {@code inFlight} at once. */
final class Drive {
    private Drive() {
    }

    static List<Outcome> run(Behaviour behaviour, int times, int inFlight, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Outcome> outcomes = new ArrayList<>();
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            if (running.size() >= inFlight) {
                outcomes.add(running.remove(0).get(120, TimeUnit.SECONDS));
            }
            running.add(behaviour.start(random.split()).toCompletableFuture());
        }
        for (CompletableFuture<Outcome> pending : running) {
            outcomes.add(pending.get(120, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    /** The outcomes that are not Ok, for an assertion message. */
    static List<Outcome> notOk(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> !(outcome instanceof Outcome.Ok)).toList();
    }
}
