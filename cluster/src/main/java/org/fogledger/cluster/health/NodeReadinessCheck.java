package org.fogledger.cluster.health;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Pekko Management's readiness check for the node's own conditions ({@link NodeReadiness}), listed in
 * {@code pekko.management.health-checks.readiness-checks}; Pekko Management creates it with the node's system.
 */
public final class NodeReadinessCheck implements Supplier<CompletionStage<Boolean>> {
    private final NodeReadiness readiness;

    public NodeReadinessCheck(ActorSystem system) {
        this.readiness = NodeReadiness.get(Adapter.toTyped(system));
    }

    @Override
    public CompletionStage<Boolean> get() {
        return readiness.notReadyBecause().thenApply(reason -> reason.isEmpty());
    }
}
