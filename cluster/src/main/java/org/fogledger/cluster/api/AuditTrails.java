package org.fogledger.cluster.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.fogledger.agents.gateway.AnchoredBatchAnswer;

/**
 * Where the API finds the anchored batches of trace streams: the gateways running on its own node (the records of
 * a batch live only with the gateway that anchored them). The node wires it ({@code ApiRole}); an API with no
 * gateway beside it knows no stream.
 */
@FunctionalInterface
public interface AuditTrails {

    /** No stream is served here. */
    AuditTrails NONE = (stream, sequence) -> java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());

    /**
     * Asks the gateway of {@code stream} on this node which anchored batch holds record {@code sequence};
     * completes empty when no gateway of that stream runs here.
     */
    CompletionStage<Optional<AnchoredBatchAnswer>> find(String stream, long sequence);
}
