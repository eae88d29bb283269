package org.fogledger.cluster.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The readiness conditions of a node's roles beyond cluster membership (a validator: caught up with the chain).
 * Roles add their condition when they start; {@code /ready} of Pekko Management ({@link NodeReadinessCheck}) and of
 * the HTTP API both ask here, so the two never disagree.
 */
public final class NodeReadiness implements Extension {
    /** A condition: completes with empty when met, else with why not. */
    public interface Condition extends Supplier<CompletionStage<Optional<String>>> {
    }

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private final List<Condition> conditions = new CopyOnWriteArrayList<>();

    public static NodeReadiness get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    public void add(Condition condition) {
        conditions.add(condition);
    }

    /** Empty when every condition is met; otherwise the reasons of those that are not, joined. */
    public CompletionStage<Optional<String>> notReadyBecause() {
        List<CompletableFuture<Optional<String>>> answers = new ArrayList<>();
        for (Condition condition : conditions) {
            CompletableFuture<Optional<String>> answer;
            try {
                answer = condition.get().toCompletableFuture();
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(Optional.of(e.toString()));
            }
            answers.add(answer.completeOnTimeout(Optional.of("a readiness condition did not answer within "
                    + ANSWER_WITHIN.toSeconds() + " s"), ANSWER_WITHIN.toMillis(), java.util.concurrent.TimeUnit
                    .MILLISECONDS).exceptionally(failure -> Optional.of(failure.toString())));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<String> reasons = answers.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
            return reasons.isEmpty() ? Optional.<String>empty() : Optional.of(String.join("; ", reasons));
        });
    }

    private static final class Id extends ExtensionId<NodeReadiness> {
        static final Id INSTANCE = new Id();

        @Override
        public NodeReadiness createExtension(ActorSystem<?> system) {
            return new NodeReadiness();
        }
    }
}
