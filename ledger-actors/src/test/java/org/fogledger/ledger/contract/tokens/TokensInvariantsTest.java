package org.fogledger.ledger.contract.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The conservation checker catches the bugs it is there for, planted one at a time. */
class TokensInvariantsTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final Escrow OPEN_40 = new Escrow(A, "washer/wm-1", null, 10, 50, 10, 0, false);

    static TokensState state(Map<String, Long> balances, Map<String, Escrow> escrows, long supply) {
        return new TokensState(new TreeMap<>(balances), new TreeMap<>(escrows), supply);
    }

    @Test
    void a_sound_state_has_no_violations() {
        assertEquals(List.of(), TokensInvariants.violations(state(Map.of(A, 60L), Map.of("e", OPEN_40), 100)));
    }

    @Test
    void tokens_made_outside_mint_are_caught() {
        assertViolation(state(Map.of(A, 61L), Map.of("e", OPEN_40), 100), "hold 101 but 100 were minted");
    }

    @Test
    void tokens_lost_in_an_escrow_are_caught() {
        Escrow leaky = new Escrow(A, "washer/wm-1", null, 10, 50, 10, 0, true);
        assertViolation(state(Map.of(A, 60L), Map.of("e", leaky), 100), "closed escrow e still holds 40");
    }

    @Test
    void negative_balances_and_escrows_are_caught_even_when_the_sum_is_right() {
        assertViolation(state(Map.of(A, 110L, B, -10L), Map.of(), 100), "balance -10");
        Escrow overdrawn = new Escrow(A, "washer/wm-1", null, 10, 50, 60, 0, false);
        assertViolation(state(Map.of(A, 110L), Map.of("e", overdrawn), 100), "escrow e holds -10");
    }

    @Test
    void a_sum_that_wraps_around_does_not_hide_a_violation() {
        assertViolation(state(Map.of(A, Long.MAX_VALUE, B, Long.MAX_VALUE), Map.of(), -2), "were minted");
    }

    private static void assertViolation(TokensState state, String expected) {
        List<String> violations = TokensInvariants.violations(state);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), () -> violations.toString());
    }
}
