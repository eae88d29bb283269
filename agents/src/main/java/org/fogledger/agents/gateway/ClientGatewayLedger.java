package org.fogledger.agents.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ExecutedSubscription;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientException;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.ConsentContract;
import org.fogledger.ledger.contract.consent.Decision;
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.policy.EffectivePolicy;
import org.fogledger.ledger.contract.registry.DeviceView;
import org.fogledger.ledger.contract.sharing.SharingState;
import java.util.Map;
import org.fogledger.ledger.contract.registry.Legitimacy;
import org.fogledger.ledger.contract.trace.TraceStream;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.ExecutedBlockNotice;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * {@link GatewayLedger} over a {@link LedgerClient}. Queries go to one validator at a time (the client's
 * round-robin); a legitimacy read below the height asked for (that validator has not executed the block yet) is
 * asked again, of the next validator, a bounded number of times.
 *
 * <p>Trust: a query answer is one validator's word. A gateway that must not trust a single validator for its
 * verdicts needs f + 1 matching answers; this port does not do that yet (see docs/GATEWAYS.md).
 */
public final class ClientGatewayLedger implements GatewayLedger {
    private static final int HEIGHT_ATTEMPTS = 20;
    private static final Duration HEIGHT_RETRY = Duration.ofMillis(100);

    private final LedgerClient client;
    private final int followValidators;

    /** @param followValidators how many validators' notices to follow: f + 1 relies on no single one */
    public ClientGatewayLedger(LedgerClient client, int followValidators) {
        this.client = Objects.requireNonNull(client, "client");
        if (followValidators < 1) {
            throw new IllegalArgumentException("followValidators must be at least 1, got " + followValidators);
        }
        this.followValidators = followValidators;
    }

    @Override
    public CompletionStage<LegitimacyReading> legitimacy(String deviceId, long atLeastHeight) {
        return queryAtLeast("registry/" + deviceId, "legitimacy", new byte[0], atLeastHeight, 1).thenApply(answer ->
                new LegitimacyReading(ContractJson.read(answer.json(), Legitimacy.class, "registry legitimacy"),
                        answer.executedHeight()));
    }

    /**
     * An answer from a validator that has executed {@code atLeastHeight}: one below it is asked again, of the next
     * validator, a bounded number of times; a refusal fails the stage.
     */
    private CompletionStage<ContractHost.QueryResult> queryAtLeast(String address, String query, byte[] argument,
                                                                  long atLeastHeight, int attempt) {
        return query(address, query, argument).thenCompose(answer -> {
            if (!answer.ok()) {
                return CompletableFuture.failedFuture(new LedgerClientException(address + " " + query + ": "
                        + answer.code() + ": " + answer.text()));
            }
            if (answer.executedHeight() < atLeastHeight) {
                if (attempt >= HEIGHT_ATTEMPTS) {
                    return CompletableFuture.failedFuture(new LedgerClientException(address + " " + query
                            + ": no validator asked had executed height " + atLeastHeight + " after " + attempt
                            + " attempts (last answer at " + answer.executedHeight() + ")"));
                }
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(HEIGHT_RETRY.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> queryAtLeast(address, query, argument, atLeastHeight, attempt + 1));
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    @Override
    public CompletionStage<Optional<DeviceView>> device(String deviceId) {
        return query("registry/" + deviceId, "device", new byte[0]).thenApply(answer -> {
            if (!answer.ok()) {
                // An unregistered device is refused by the query; the caller reads that as "not registered".
                return Optional.empty();
            }
            return Optional.of(ContractJson.read(answer.json(), DeviceView.class, "registry device"));
        });
    }

    @Override
    public CompletionStage<Decision> decide(PublicKey owner, DecisionRequest request) {
        String address = "consent/" + owner.keyId().hex();
        return query(address, ConsentContract.QUERY_DECIDE, ContractJson.write(request)).thenCompose(answer -> {
            if (!answer.ok()) {
                return CompletableFuture.failedFuture(new LedgerClientException(address + " decide: "
                        + answer.code() + ": " + answer.text()));
            }
            return CompletableFuture.completedFuture(ContractJson.read(answer.json(), Decision.class,
                    "consent decision"));
        });
    }

    @Override
    public CompletionStage<TraceStream> traceStream(String streamId) {
        String address = "trace/" + streamId;
        return query(address, "state", new byte[0]).thenCompose(answer -> answer.ok()
                ? CompletableFuture.completedFuture(ContractJson.read(answer.json(), TraceStream.class, "trace state"))
                : CompletableFuture.failedFuture(new LedgerClientException(address + " state: " + answer.code()
                        + ": " + answer.text())));
    }

    @Override
    public CompletionStage<EffectivePolicy> effectivePolicy(String path, long atLeastHeight) {
        return queryAtLeast("policy/_", "effective", ContractJson.write(Map.of("path", path)), atLeastHeight, 1)
                .thenApply(answer -> ContractJson.read(answer.json(), EffectivePolicy.class, "policy effective"));
    }

    @Override
    public CompletionStage<SharingState> sharing(String deviceId) {
        String address = "sharing/" + deviceId;
        return query(address, "state", new byte[0]).thenCompose(answer -> answer.ok()
                ? CompletableFuture.completedFuture(ContractJson.read(answer.json(), SharingState.class,
                "sharing state"))
                : CompletableFuture.failedFuture(new LedgerClientException(address + " state: " + answer.code()
                + ": " + answer.text())));
    }

    @Override
    public CompletionStage<SubmitResult> submit(Transaction transaction) {
        return client.submit(transaction);
    }

    @Override
    public ExecutedSubscription follow(ActorRef<ExecutedBlockNotice> follower) {
        return client.followExecuted(follower, followValidators);
    }

    private CompletionStage<ContractHost.QueryResult> query(String address, String query, byte[] argument) {
        return client.query(address, query, argument);
    }
}
