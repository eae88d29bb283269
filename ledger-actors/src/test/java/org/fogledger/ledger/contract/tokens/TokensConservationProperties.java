package org.fogledger.ledger.contract.tokens;

import static org.fogledger.ledger.contract.tokens.TokensLedger.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * Random sequences of tokens commands, by every kind of invoker and with amounts from zero to the largest long,
 * most of them refused: after every step, balances plus escrows equal what was minted, nothing is negative, a
 * refused command changed nothing, and only an escrow's controller ever paid from it.
 */
class TokensConservationProperties {
    /** Invokers 0-2 are keys (0 the only minter), 3-4 contracts sending internal messages. */
    private static final KeyPair[] KEYS = {ContractTestKeys.key(11), ContractTestKeys.key(12),
            ContractTestKeys.key(13)};
    private static final ContractAddress[] CONTRACTS = {ContractAddress.of("washer", "wm-1"),
            ContractAddress.of("shop", "s-1")};
    private static final int INVOKERS = KEYS.length + CONTRACTS.length;
    /** Every invoker's account, and one string that is no account. */
    private static final List<String> ACCOUNTS = accounts();
    private static final List<String> ESCROWS = List.of("e0", "e1", "e2", "e3");
    /**
     * In place of an account: the invoker's own (or, for a payment, the escrow's controller as invoker), so that
     * authorised commands are common enough for the sequences to get somewhere.
     */
    private static final int SELF = -1;

    sealed interface Op permits Mint, Transfer, Open, Fund, Pay, Refund, Advance {
    }

    record Mint(int invoker, int to, long amount) implements Op {
    }

    record Transfer(int invoker, int from, int to, long amount) implements Op {
    }

    record Open(int invoker, int escrow, int payer, int controller, int payeeMask, long amount, long expiresIn)
            implements Op {
    }

    record Fund(int invoker, int escrow, long amount) implements Op {
    }

    record Pay(int invoker, int escrow, int to, long amount) implements Op {
    }

    record Refund(int invoker, int escrow) implements Op {
    }

    record Advance(long millis) implements Op {
    }

    @Property(tries = 300)
    void tokens_are_only_made_by_mint_and_never_lost(@ForAll("operations") List<Op> operations) {
        TokensLedger ledger = new TokensLedger(new TokensContract(List.of(KEYS[0].publicKey())));
        long minted = 0;
        // Everyone starts with something to spend, so escrows open early and the sequence gets somewhere.
        List<Op> funded = new ArrayList<>();
        for (int account = 0; account < INVOKERS; account++) {
            funded.add(new Mint(0, account, 200));
        }
        funded.addAll(operations);
        for (Op generated : funded) {
            TokensState before = ledger.state();
            Op op = resolveSelf(before, generated);
            if (op instanceof Advance advance) {
                ledger.advanceTime(advance.millis());
                continue;
            }
            ContractResult result = run(ledger, op);
            Statistics.label("outcome").collect(result.code());
            if (result.ok()) {
                if (op instanceof Mint mint) {
                    minted = Math.addExact(minted, mint.amount());
                }
                if (op instanceof Pay pay) {
                    assertEquals(before.escrows().get(ESCROWS.get(pay.escrow())).controller(),
                            account(pay.invoker()), "only the controller pays from an escrow");
                }
            } else {
                assertEquals(before, ledger.state(), () -> op + " was refused (" + result + ") but changed state");
            }
            List<String> violations = TokensInvariants.violations(ledger.state());
            assertTrue(violations.isEmpty(), () -> "after " + op + " -> " + result + ": " + violations);
            assertEquals(minted, ledger.state().supply(), "the supply is exactly what mints added");
        }
        // Guards the generator: a run where the interesting commands never succeed would prove nothing.
        Statistics.label("outcome").coverage(coverage -> {
            for (String code : List.of("minted", "transferred", "escrow-opened", "escrow-funded", "escrow-paid",
                    "escrow-refunded", "amount-overflow", "insufficient-balance", "escrow-insufficient",
                    "not-authorised")) {
                coverage.check(code).count(count -> count > 0);
            }
        });
    }

    private static ContractResult run(TokensLedger ledger, Op op) {
        if (op instanceof Mint m) {
            return invoke(ledger, m.invoker(), "mint", json("to", ACCOUNTS.get(m.to()), "amount", m.amount()));
        }
        if (op instanceof Transfer t) {
            return invoke(ledger, t.invoker(), "transfer", json("from", ACCOUNTS.get(t.from()), "to",
                    ACCOUNTS.get(t.to()), "amount", t.amount()));
        }
        if (op instanceof Open o) {
            TreeMap<String, Object> open = new TreeMap<>(Map.of("id", ESCROWS.get(o.escrow()), "payer",
                    ACCOUNTS.get(o.payer()), "controller", ACCOUNTS.get(o.controller()), "amount", o.amount(),
                    "expiresAt", ledger.time() + o.expiresIn()));
            if (o.payeeMask() != 0) {
                List<String> payees = new ArrayList<>();
                for (int i = 0; i < ACCOUNTS.size(); i++) {
                    if ((o.payeeMask() & (1 << i)) != 0) {
                        payees.add(ACCOUNTS.get(i));
                    }
                }
                open.put("payees", payees);
            }
            return invoke(ledger, o.invoker(), "escrow-open", ContractJson.writeString(open));
        }
        if (op instanceof Fund f) {
            return invoke(ledger, f.invoker(), "escrow-fund", json("id", ESCROWS.get(f.escrow()), "amount",
                    f.amount()));
        }
        if (op instanceof Pay p) {
            return invoke(ledger, p.invoker(), "escrow-pay", json("id", ESCROWS.get(p.escrow()), "to",
                    ACCOUNTS.get(p.to()), "amount", p.amount()));
        }
        Refund r = (Refund) op;
        return invoke(ledger, r.invoker(), "escrow-refund", json("id", ESCROWS.get(r.escrow())));
    }

    /**
     * Resolves the markers: {@link #SELF} and escrow numbers past the fixed ids, which pick one of the escrows that
     * exist, so that payments and refunds mostly find an escrow and the right invoker.
     */
    private static Op resolveSelf(TokensState state, Op op) {
        if (op instanceof Transfer t && t.from() == SELF) {
            return new Transfer(t.invoker(), t.invoker(), t.to(), t.amount());
        }
        if (op instanceof Open o && o.payer() == SELF) {
            return new Open(o.invoker(), o.escrow(), o.invoker(), o.controller(), o.payeeMask(), o.amount(),
                    o.expiresIn());
        }
        if (op instanceof Fund f) {
            int escrow = existing(state, f.escrow());
            return new Fund(f.invoker() == SELF ? invokerOf(state, escrow, Escrow::payer) : f.invoker(), escrow,
                    f.amount());
        }
        if (op instanceof Pay p) {
            int escrow = existing(state, p.escrow());
            return new Pay(p.invoker() == SELF ? invokerOf(state, escrow, Escrow::controller) : p.invoker(),
                    escrow, p.to(), p.amount());
        }
        if (op instanceof Refund r) {
            int escrow = existing(state, r.escrow());
            return new Refund(r.invoker() == SELF ? invokerOf(state, escrow, Escrow::controller) : r.invoker(),
                    escrow);
        }
        return op;
    }

    private static int existing(TokensState state, int escrow) {
        if (escrow < ESCROWS.size() || state.escrows().isEmpty()) {
            return escrow % ESCROWS.size();
        }
        List<String> ids = new ArrayList<>(state.escrows().keySet());
        return ESCROWS.indexOf(ids.get(escrow % ids.size()));
    }

    private static int invokerOf(TokensState state, int escrow, java.util.function.Function<Escrow, String> role) {
        Escrow found = state.escrows().get(ESCROWS.get(escrow));
        int index = found == null ? 0 : ACCOUNTS.indexOf(role.apply(found));
        return index >= 0 && index < INVOKERS ? index : 0;
    }

    private static ContractResult invoke(TokensLedger ledger, int invoker, String command, String json) {
        if (invoker < KEYS.length) {
            return ledger.direct(KEYS[invoker], command, json);
        }
        // The transaction that led here was signed by the minter: a contract must still not act as that key.
        return ledger.internal(CONTRACTS[invoker - KEYS.length], KEYS[0], command, json);
    }

    private static String account(int invoker) {
        return ACCOUNTS.get(invoker);
    }

    private static List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        for (KeyPair key : KEYS) {
            accounts.add(Accounts.of(key.publicKey()));
        }
        for (ContractAddress contract : CONTRACTS) {
            accounts.add(Accounts.of(contract));
        }
        accounts.add("not-an-account");
        return List.copyOf(accounts);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> invoker = Arbitraries.integers().between(0, INVOKERS - 1);
        // Mostly real accounts; now and then the string that is none.
        Arbitrary<Integer> account = Arbitraries.frequencyOf(Tuple.of(12, invoker),
                Tuple.of(1, Arbitraries.just(ACCOUNTS.size() - 1)));
        Arbitrary<Integer> escrow = Arbitraries.integers().between(0, ESCROWS.size() - 1);
        Arbitrary<Integer> someEscrow = Arbitraries.integers().between(0, 5 * ESCROWS.size() - 1);
        Arbitrary<Long> amount = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.longs().between(1, 40)),
                Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE)),
                Tuple.of(1, Arbitraries.longs().between(Long.MAX_VALUE - 100, Long.MAX_VALUE)));
        Arbitrary<Integer> payees = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, (1 << ACCOUNTS.size()) - 1)));
        Arbitrary<Long> expiresIn = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(1, 200)),
                Tuple.of(1, Arbitraries.longs().between(-5, 0)));
        Arbitrary<Long> mintAmount = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(1, 200)),
                Tuple.of(1, amount));
        Arbitrary<Op> mint = Combinators.combine(Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1),
                Tuple.of(1, 3)), account, mintAmount).as(Mint::new);
        Arbitrary<Integer> ownOrAny = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(SELF)),
                Tuple.of(1, account));
        Arbitrary<Op> transfer = Combinators.combine(invoker, ownOrAny, account, amount).as(Transfer::new);
        Arbitrary<Op> open = Combinators.combine(invoker, escrow, ownOrAny, account, payees, amount, expiresIn)
                .as(Open::new);
        Arbitrary<Integer> roleOrAny = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(SELF)),
                Tuple.of(1, invoker));
        Arbitrary<Op> fund = Combinators.combine(roleOrAny, someEscrow, amount).as(Fund::new);
        Arbitrary<Op> pay = Combinators.combine(roleOrAny, someEscrow, account, amount).as(Pay::new);
        Arbitrary<Op> refund = Combinators.combine(roleOrAny, someEscrow).as(Refund::new);
        Arbitrary<Op> advance = Arbitraries.longs().between(1, 30).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(4, mint), Tuple.of(4, transfer), Tuple.of(3, open),
                Tuple.of(2, fund), Tuple.of(5, pay), Tuple.of(2, refund), Tuple.of(1, advance))
                .list().ofMinSize(20).ofMaxSize(80);
    }
}
