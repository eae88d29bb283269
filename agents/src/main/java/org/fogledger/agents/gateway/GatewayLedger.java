package org.fogledger.agents.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ExecutedSubscription;
import org.fogledger.ledger.contract.consent.Decision;
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.policy.EffectivePolicy;
import org.fogledger.ledger.contract.registry.DeviceView;
import org.fogledger.ledger.contract.sharing.SharingState;
import org.fogledger.ledger.contract.trace.TraceStream;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.ExecutedBlockNotice;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * What a gateway asks of the ledger: the port between the gateway and the ledger client
 * ({@link ClientGatewayLedger}). Every answer is what the contracts answered; nothing is decided here.
 */
public interface GatewayLedger {

    /** The registry's verdict, read at a height of at least {@code atLeastHeight}. */
    CompletionStage<LegitimacyReading> legitimacy(String deviceId, long atLeastHeight);

    /** The registry's record of the device; empty if it is not registered. */
    CompletionStage<Optional<DeviceView>> device(String deviceId);

    /** The consent decision point of the data owner ({@code consent/<owner key id>}, query {@code decide}). */
    CompletionStage<Decision> decide(PublicKey owner, DecisionRequest request);

    /** The state of trace stream {@code trace/<streamId>}. */
    CompletionStage<TraceStream> traceStream(String streamId);

    /**
     * The effective policy at {@code path} ({@code policy/_}, query {@code effective}), read at a height of at least
     * {@code atLeastHeight}.
     */
    CompletionStage<EffectivePolicy> effectivePolicy(String path, long atLeastHeight);

    /** The device's sharing instance ({@code sharing/<deviceId>}, query {@code state}). */
    CompletionStage<SharingState> sharing(String deviceId);

    CompletionStage<SubmitResult> submit(Transaction transaction);

    /** Subscribes {@code follower} to executed-block notices. */
    ExecutedSubscription follow(ActorRef<ExecutedBlockNotice> follower);
}
