package org.fogledger.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.fogledger.simulator.engine.Outcome;
import org.junit.jupiter.api.Test;

class BehavioursTest {

    @Test
    void refusalsAreGroupedByTheirFirstWordsWithoutIds() {
        assertEquals("refused:device-blocked", Behaviours.refusedKind("device blocked: declared stolen (at height 3)"));
        assertEquals("refused:rate-limit", Behaviours.refusedKind("rate limit: at most 5 readings per second"));
        assertEquals("refused:session-closed", Behaviours.refusedKind("session closed: quarantined: 5 failed"));
        assertEquals("refused:device-is-not-registered", Behaviours.refusedKind("device sim-1-x42 is not registered"));
        assertEquals("refused:no-reason", Behaviours.refusedKind(null));
    }

    @Test
    void parametersOutsideTheAcceptedOnesAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Behaviours.acceptOnly("flood", Map.of("speed", "9", "rate", "3"), "rate", "transport"));
        assertEquals("behaviour 'flood' has no parameter speed; it accepts rate, transport", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Behaviours.acceptOnly("churn", Map.of("x", "1")));
        assertEquals("b", Behaviours.choice("k", Map.of("p", "b"), "p", "a", "b"));
        assertEquals("a", Behaviours.choice("k", Map.of(), "p", "a", "b"));
        assertEquals("behaviour 'flood': rate=0 is not an integer in 1..1000", assertThrows(
                IllegalArgumentException.class, () -> Behaviours.integer("flood", Map.of("rate", "0"), "rate", 5, 1,
                        1000)).getMessage());
    }

    @Test
    void whateverAnOperationThrowsOrFailsWithIsAFailedOutcome() throws Exception {
        Outcome thrown = Behaviours.guarded(Runnable::run, () -> {
            throw new IllegalStateException("boom");
        }).toCompletableFuture().get();
        assertEquals("error:IllegalStateException", assertInstanceOf(Outcome.Failed.class, thrown).errorKind());
        Outcome late = Behaviours.guarded(Runnable::run, () -> CompletableFuture.<Outcome>failedFuture(new TimeoutException("late")))
                .toCompletableFuture().get();
        assertEquals("timeout", assertInstanceOf(Outcome.Failed.class, late).errorKind());
    }
}
