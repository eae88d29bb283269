package org.fogledger.cluster.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeReadinessTest {
    private final ActorTestKit kit = ActorTestKit.create();

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private Optional<String> ask() throws Exception {
        return NodeReadiness.get(kit.system()).notReadyBecause().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNodeWithoutConditionsIsReady() throws Exception {
        assertEquals(Optional.empty(), ask());
        assertTrue(new NodeReadinessCheck(Adapter.toClassic(kit.system())).get().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
    }

    @Test
    void everyUnmetConditionIsNamedAndManagementSaysNotReady() throws Exception {
        NodeReadiness readiness = NodeReadiness.get(kit.system());
        readiness.add(() -> CompletableFuture.completedFuture(Optional.empty()));
        readiness.add(() -> CompletableFuture.completedFuture(Optional.of("catching up: committed height 3")));
        readiness.add(() -> CompletableFuture.failedFuture(new IllegalStateException("validator stopped")));

        Optional<String> reason = ask();

        assertEquals(Optional.of("catching up: committed height 3; java.lang.IllegalStateException: validator"
                + " stopped"), reason);
        assertEquals(false, new NodeReadinessCheck(Adapter.toClassic(kit.system())).get().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
    }

    @Test
    void aConditionThatNeverAnswersMakesTheNodeUnreadyInsteadOfHangingTheProbe() throws Exception {
        NodeReadiness.get(kit.system()).add(CompletableFuture::new);

        Optional<String> reason = ask();

        assertEquals(Optional.of("a readiness condition did not answer within 3 s"), reason);
    }
}
