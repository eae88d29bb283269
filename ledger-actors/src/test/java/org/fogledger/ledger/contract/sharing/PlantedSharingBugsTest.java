package org.fogledger.ledger.contract.sharing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.sharing.SharingEconomy.Block;

/**
 * The conservation property catches a sharing contract whose books part from the tokens: the same generated blocks
 * (from a fixed seed, so the test repeats), run against each planted bug, reach a violation; against the real
 * contract they reach none. Examples, not plain tests: jqwik generators only run on a jqwik thread.
 */
class PlantedSharingBugsTest {
    private static final int SEQUENCES = 20;

    /** The first violation the generated sequences reach, or an empty list if none does. */
    static List<String> firstViolation(Contract<?, ?> sharing) {
        RandomGenerator<List<Block>> generator = SharingConservationProperties.blockArbitrary().generator(100);
        Random random = new Random(20261127L);
        for (int run = 0; run < SEQUENCES; run++) {
            List<Block> blocks = generator.next(random).value();
            SharingEconomy economy = new SharingEconomy(sharing);
            for (Block block : blocks) {
                List<String> violations = economy.step(block, outcome -> { });
                if (!violations.isEmpty()) {
                    return violations;
                }
            }
        }
        return new ArrayList<>();
    }

    @Example
    void the_real_contract_reaches_no_violation() {
        List<String> violations = firstViolation(new SharingContract());
        assertTrue(violations.isEmpty(), violations::toString);
    }

    @Example
    void payments_recorded_but_never_taken_from_the_escrow_are_caught() {
        assertCaught(BrokenSharing.dropsEscrowPayments(), "says it paid");
    }

    @Example
    void payments_sent_twice_are_caught() {
        assertCaught(BrokenSharing.paysEveryReportTwice(), "but its escrow paid out");
    }

    @Example
    void sessions_ended_without_a_refund_are_caught() {
        assertCaught(BrokenSharing.keepsRefunds(), "but its escrow still holds");
    }

    private static void assertCaught(Contract<?, ?> broken, String expected) {
        List<String> violations = firstViolation(broken);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), () -> "expected a violation with '"
                + expected + "', got " + violations);
    }
}
