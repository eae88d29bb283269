package org.fogledger.ledger.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundTimeoutsTest {
    private final RoundTimeouts timeouts = new RoundTimeouts(1_000, 8_000);

    @ParameterizedTest(name = "after {0} timeouts in a row a round lasts {1} ms")
    @CsvSource({"0, 1000", "1, 2000", "2, 4000", "3, 8000", "4, 8000", "60, 8000", "2147483647, 8000"})
    void roundsBackOffExponentiallyUpToTheCap(int consecutiveTimeouts, long expectedMillis) {
        assertEquals(expectedMillis, timeouts.durationAfter(consecutiveTimeouts));
    }
}
