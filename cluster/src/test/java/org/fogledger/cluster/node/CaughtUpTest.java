package org.fogledger.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaughtUpTest {
    private static final int F = 1;
    private static final long MARGIN = 5;

    @Test
    void aValidatorAtTheHeightOfTheOthersIsCaughtUp() {
        assertEquals(Optional.empty(), CaughtUp.notCaughtUpBecause(120, List.of(120L, 121L, 119L), F, MARGIN));
    }

    @Test
    void aFewBlocksBehindStillCountsTheChainMovesWhileWeAsk() {
        assertEquals(Optional.empty(), CaughtUp.notCaughtUpBecause(115, List.of(120L, 120L, 120L), F, MARGIN));
    }

    @Test
    void aValidatorFarBehindIsCatchingUpAndSaysHowFar() {
        Optional<String> reason = CaughtUp.notCaughtUpBecause(10, List.of(400L, 401L, 399L), F, MARGIN);

        assertEquals(Optional.of("catching up: committed height 10, the validators vouch for 400"), reason);
    }

    @Test
    void oneByzantineValidatorClaimingAHugeHeightCannotKeepItUnready() {
        assertEquals(Optional.empty(), CaughtUp.notCaughtUpBecause(120, List.of(120L, 119L, 1_000_000L), F, MARGIN));
    }

    @Test
    void twoHonestValidatorsAheadAreBelievedEvenIfTheThirdLags() {
        assertTrue(CaughtUp.notCaughtUpBecause(100, List.of(300L, 300L, 90L), F, MARGIN).isPresent());
    }

    @Test
    void withoutAQuorumAnsweringNoValidatorCanKnowItIsCaughtUp() {
        Optional<String> reason = CaughtUp.notCaughtUpBecause(120, List.of(120L), F, MARGIN);

        assertEquals(Optional.of("only 2 of the 3 validators a quorum needs answered (this one included)"), reason);
    }
}
