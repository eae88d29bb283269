package org.fogledger.cluster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Heights stand for answers: each ask takes the next validator's answer, round-robin as the client does. */
class MonotonicReadsTest {

    @Test
    void anAnswerFromBehindWhatTheNodeSawIsAskedAgainOfTheNextValidator() {
        MonotonicReads reads = new MonotonicReads(() -> 4);
        reads.saw(7);
        Validators validators = new Validators(5, 7, 9);

        assertEquals(7L, read(reads, validators));
        assertEquals(2, validators.asked);
        assertEquals(7, reads.highest());
    }

    @Test
    void whenNoValidatorHasCaughtUpTheMostRecentAnswerIsGiven() {
        MonotonicReads reads = new MonotonicReads(() -> 3);
        reads.saw(10);
        Validators validators = new Validators(4, 8, 6, 10);

        assertEquals(8L, read(reads, validators), "three tries for three validators, the newest of them");
        assertEquals(3, validators.asked);
    }

    @Test
    void answersAtOrAboveWhatWasSeenAreTakenAtOnceAndRaiseIt() {
        MonotonicReads reads = new MonotonicReads(() -> 4);
        Validators validators = new Validators(3, 2, 5);

        assertEquals(3L, read(reads, validators));
        assertEquals(5L, read(reads, validators), "2 is below the 3 already answered: asked again, 5 taken");
        assertEquals(5, reads.highest());
    }

    @Test
    void aRefusalThatRanNothingIsAnsweredAsItIs() {
        MonotonicReads reads = new MonotonicReads(() -> 4);
        reads.saw(7);
        Validators validators = new Validators(-1, 9);

        assertEquals(-1L, read(reads, validators));
        assertEquals(1, validators.asked);
    }

    private static long read(MonotonicReads reads, Validators validators) {
        return reads.newest(validators::ask, Long::longValue).toCompletableFuture().join();
    }

    private static final class Validators {
        private final ArrayDeque<Long> answers = new ArrayDeque<>();
        int asked;

        Validators(long... heights) {
            for (long height : heights) {
                answers.add(height);
            }
        }

        CompletionStage<Long> ask() {
            asked++;
            return CompletableFuture.completedFuture(answers.poll());
        }
    }
}
