package org.fogledger.ledger.contract.sharing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.fogledger.ledger.contract.sharing.SharingEconomy.Action;
import org.fogledger.ledger.contract.sharing.SharingEconomy.Block;

/**
 * Token conservation across the sharing economy: random blocks of mints, transfers, offers and withdrawals (by
 * owners and by strangers), escrows opened for sessions (fitting the offer or not), metering by the right and the
 * wrong gateways with fresh, replayed and skipped sequences, usage past the budget, failures, closes, expiries,
 * payers taking escrows back directly, forged and malformed commands. After every block {@link SharingInvariants}
 * holds: balances plus escrows equal what was minted, nothing is negative, every session paid at most what it was
 * funded, and sharing's books are the tokens contract's.
 */
class SharingConservationProperties {

    @Property(tries = 150)
    void tokens_are_conserved_and_sessions_never_pay_more_than_they_hold(@ForAll("blocks") List<Block> blocks) {
        SharingEconomy economy = new SharingEconomy(new SharingContract());
        List<String> atStart = economy.violations();
        assertTrue(atStart.isEmpty(), atStart::toString);
        for (Block block : blocks) {
            List<String> violations = economy.step(block, outcome -> Statistics.label("outcome").collect(outcome));
            assertTrue(violations.isEmpty(), () -> "after " + block + ": " + violations);
        }
        // Guards the generator: a run where the interesting commands never succeed would prove nothing.
        Statistics.label("outcome").coverage(coverage -> {
            for (String outcome : List.of("escrow-opened session-opened", "escrow-opened session-declined",
                    "meter metered", "meter overrun", "meter stale-report", "meter not-authorised",
                    "meter session-expired", "escrow-pay escrow-paid", "escrow-refund escrow-refunded",
                    "escrow-refund escrow-closed", "service-failed session-ended", "service-failed service-not-overdue",
                    "close-session session-ended", "offer offered", "withdraw withdrawn", "offer-sharing not-authorised",
                    "escrow-opened not-authorised", "escrow-open escrow-exists", "transfer transferred",
                    "mint not-authorised")) {
                coverage.check(outcome).count(count -> count > 0);
            }
        });
    }

    @Provide
    Arbitrary<List<Block>> blocks() {
        return blockArbitrary();
    }

    /** Also used by {@link PlantedSharingBugsTest}, which runs the same blocks against broken contracts. */
    static Arbitrary<List<Block>> blockArbitrary() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 11);
        Arbitrary<Boolean> mostly = Arbitraries.frequency(Tuple.of(6, true), Tuple.of(1, false));
        Arbitrary<Long> amount = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.longs().between(1, 60)),
                Tuple.of(1, Arbitraries.of(0L, -3L, Long.MAX_VALUE)));
        Arbitrary<Action> mint = Combinators.combine(mostly, any, amount).as(SharingEconomy.Mint::new);
        Arbitrary<Action> transfer = Combinators.combine(any, any, amount).as(SharingEconomy.Transfer::new);
        Arbitrary<Integer> offerExpiry = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2));
        Arbitrary<Action> offer = Combinators.combine(any, mostly, Arbitraries.longs().between(1, 5), any,
                Arbitraries.longs().between(4, 10), offerExpiry)
                .as(SharingEconomy.MakeOffer::new);
        Arbitrary<Action> withdraw = Combinators.combine(any, mostly).as(SharingEconomy.Withdraw::new);
        Arbitrary<Integer> memo = Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(1, 1), Tuple.of(1, 2),
                Tuple.of(1, 3), Tuple.of(1, 4));
        Arbitrary<Integer> payee = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(1, 1));
        Arbitrary<Integer> overpay = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(1, 1));
        Arbitrary<Boolean> seldom = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(8, false));
        Arbitrary<Action> open = Combinators.combine(any, any, Arbitraries.longs().between(1, 9), memo, payee,
                overpay, seldom, seldom).as(SharingEconomy.Open::new);
        Arbitrary<Integer> gateway = Arbitraries.frequency(Tuple.of(8, -1), Tuple.of(1, 0), Tuple.of(1, 1),
                Tuple.of(1, 2));
        Arbitrary<Integer> seq = Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(2, 1), Tuple.of(1, 2));
        Arbitrary<Action> meter = Combinators.combine(gateway, any, any, Arbitraries.longs().between(1, 6), seq)
                .as(SharingEconomy.Meter::new);
        Arbitrary<Action> fail = Combinators.combine(Arbitraries.integers().between(0, 2), any, any)
                .as(SharingEconomy.Fail::new);
        Arbitrary<Action> close = Combinators.combine(mostly, any, any).as(SharingEconomy.Close::new);
        Arbitrary<Action> payerRefund = Combinators.combine(any, any).as(SharingEconomy.PayerRefund::new);
        Arbitrary<Action> forge = Combinators.combine(any, any).as(SharingEconomy.Forge::new);
        Arbitrary<Action> action = Arbitraries.frequencyOf(Tuple.of(2, mint), Tuple.of(2, transfer),
                Tuple.of(2, offer), Tuple.of(1, withdraw), Tuple.of(6, open), Tuple.of(10, meter), Tuple.of(2, fail),
                Tuple.of(2, close), Tuple.of(1, payerRefund), Tuple.of(1, forge));
        Arbitrary<Long> later = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.just(600_000L)), Tuple.of(1, Arbitraries.just(3_600_000L)));
        Arbitrary<Block> block = Combinators.combine(later, action.list().ofMinSize(1).ofMaxSize(4))
                .as(Block::new);
        return block.list().ofMinSize(10).ofMaxSize(40);
    }
}
