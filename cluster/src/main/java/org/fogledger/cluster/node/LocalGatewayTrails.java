package org.fogledger.cluster.node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.fogledger.agents.gateway.AnchoredBatchAnswer;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.cluster.api.AuditTrails;

/**
 * The API's way to the gateways running in its own node: the receptionist lists every gateway of the cluster under
 * {@link #SERVICE_KEY}; the one named {@code gateway-<stream>} with a local address is this node's
 * gateway of that stream. Only local ones: a proof must come from the node that holds the batch, and another node's
 * API serves its own gateways' streams.
 */
public final class LocalGatewayTrails implements AuditTrails {
    /** Every gateway of the cluster registers under this key (the gateway role does). */
    public static final ServiceKey<Gateway.Command> SERVICE_KEY =
            ServiceKey.create(Gateway.Command.class, "fogledger-gateway");

    private final ActorSystem<?> system;
    private final Duration timeout;

    public LocalGatewayTrails(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<Optional<AnchoredBatchAnswer>> find(String stream, long sequence) {
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(system.receptionist(),
                replyTo -> Receptionist.find(SERVICE_KEY, replyTo), timeout, system.scheduler());
        return listing.thenCompose(found -> {
            for (ActorRef<Gateway.Command> gateway : found.getServiceInstances(SERVICE_KEY)) {
                if (gateway.path().name().equals("gateway-" + stream) && gateway.path().address().hasLocalScope()) {
                    CompletionStage<AnchoredBatchAnswer> answer = AskPattern.ask(gateway,
                            replyTo -> new Gateway.FindAnchoredBatch(sequence, replyTo), timeout, system.scheduler());
                    return answer.thenApply(Optional::of);
                }
            }
            return CompletableFuture.completedFuture(Optional.<AnchoredBatchAnswer>empty());
        });
    }
}
