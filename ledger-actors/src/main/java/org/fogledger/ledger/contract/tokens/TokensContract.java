package org.fogledger.ledger.contract.tokens;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractMessage;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionContext;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.contract.Outcome;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * Ledger tokens for the sharing economy: balances per account (see {@link Accounts}), minted only by the keys
 * fixed at genesis, moved by whoever controls the account, and set aside in escrows that a service contract pays
 * from. Tokens are never made or lost except by {@code mint}: every command moves them between balances and
 * escrows, and sums are checked for overflow (a mint that would take the supply past {@link Long#MAX_VALUE} is
 * refused, which bounds every other sum).
 *
 * <p>One instance, {@code tokens/_}: the ledger has one currency, and a payment between two accounts must not
 * depend on which instance each one chose.
 */
public final class TokensContract implements Contract<TokensState, TokensEvent> {
    public static final String NAME = "tokens";
    public static final ContractAddress ADDRESS = ContractAddress.of(NAME, ContractAddress.DEFAULT_INSTANCE);
    public static final int MAX_PAYEES = 16;
    /** Largest {@code memo} object an escrow-open may pass on to its controller, written as JSON. */
    public static final int MAX_MEMO_BYTES = 1_024;

    static final List<String> COMMANDS = List.of("mint", "transfer", "escrow-open", "escrow-fund", "escrow-pay",
            "escrow-refund");
    private static final Pattern ESCROW_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,64}");

    private final SortedSet<String> minters;

    /** A tokens contract whose only minters are {@code minters} (the genesis file's choice). */
    public TokensContract(Collection<PublicKey> minters) {
        TreeSet<String> accounts = new TreeSet<>();
        for (PublicKey key : minters) {
            accounts.add(Accounts.of(key));
        }
        this.minters = Collections.unmodifiableSortedSet(accounts);
    }

    public SortedSet<String> minters() {
        return minters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TokensState> stateType() {
        return TokensState.class;
    }

    @Override
    public Class<TokensEvent> eventType() {
        return TokensEvent.class;
    }

    @Override
    public TokensState initialState(String instance) {
        return TokensState.EMPTY;
    }

    @Override
    public Outcome<TokensEvent> handle(TokensState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        if (!invocation.address().equals(ADDRESS)) {
            throw new ContractRefusal("unknown-instance", "tokens has one instance, " + ADDRESS + "; there is no "
                    + invocation.address());
        }
        ExecutionContext context = invocation.context();
        byte[] payload = invocation.payload();
        return switch (invocation.command()) {
            case "mint" -> mint(state, context, ContractJson.read(payload, TokensCommand.Mint.class,
                    "tokens.mint"));
            case "transfer" -> transfer(state, context, ContractJson.read(payload, TokensCommand.Transfer.class,
                    "tokens.transfer"));
            case "escrow-open" -> open(state, context, ContractJson.read(payload, TokensCommand.EscrowOpen.class,
                    "tokens.escrow-open"), meter);
            case "escrow-fund" -> fund(state, context, ContractJson.read(payload, TokensCommand.EscrowFund.class,
                    "tokens.escrow-fund"));
            case "escrow-pay" -> pay(state, context, ContractJson.read(payload, TokensCommand.EscrowPay.class,
                    "tokens.escrow-pay"));
            case "escrow-refund" -> refund(state, context, ContractJson.read(payload,
                    TokensCommand.EscrowRefund.class, "tokens.escrow-refund"));
            default -> throw new ContractRefusal("unknown-command", "tokens has no command '"
                    + invocation.command() + "'; its commands are " + String.join(", ", COMMANDS));
        };
    }

    private Outcome<TokensEvent> mint(TokensState state, ExecutionContext context, TokensCommand.Mint mint) {
        String to = Accounts.requireValid(mint.to(), "tokens.mint: to");
        long amount = positive(mint.amount(), "tokens.mint: amount");
        String invoker = Accounts.invoker(context);
        if (context.isInternal() || !minters.contains(invoker)) {
            throw new ContractRefusal("not-authorised", "tokens.mint: only a minter key may mint, in a direct"
                    + " transaction; " + invoker + " is not one");
        }
        long supply = add(state.supply(), amount, "tokens.mint: minting " + amount + " would take the supply of "
                + state.supply() + " past " + Long.MAX_VALUE);
        add(state.balance(to), amount, "tokens.mint: " + to + " would hold more than " + Long.MAX_VALUE);
        return done("minted", Map.of("to", to, "balance", state.balance(to) + amount, "supply", supply),
                new TokensEvent.Minted(to, amount));
    }

    private Outcome<TokensEvent> transfer(TokensState state, ExecutionContext context,
                                          TokensCommand.Transfer transfer) {
        String from = Accounts.requireValid(transfer.from(), "tokens.transfer: from");
        String to = Accounts.requireValid(transfer.to(), "tokens.transfer: to");
        long amount = positive(transfer.amount(), "tokens.transfer: amount");
        requireControl(context, from, "tokens.transfer: from");
        if (from.equals(to)) {
            throw new ContractRefusal("invalid-transfer", "tokens.transfer: from and to are the same account, "
                    + from);
        }
        requireBalance(state, from, amount, "tokens.transfer");
        long credited = add(state.balance(to), amount, "tokens.transfer: " + to + " would hold more than "
                + Long.MAX_VALUE);
        return done("transferred", Map.of("from", from, "to", to, "balance", state.balance(from) - amount,
                "toBalance", credited), new TokensEvent.Transferred(from, to, amount));
    }

    private Outcome<TokensEvent> open(TokensState state, ExecutionContext context, TokensCommand.EscrowOpen open,
                                      StepMeter meter) {
        String what = "tokens.escrow-open";
        String id = escrowId(open.id(), what);
        String payer = Accounts.requireValid(open.payer(), what + ": payer");
        String controller = Accounts.requireValid(open.controller(), what + ": controller");
        long amount = positive(open.amount(), what + ": amount");
        if (open.expiresAt() == null) {
            throw new ContractRefusal("malformed-payload", what + ": expiresAt is required");
        }
        List<String> payees = null;
        if (open.payees() != null) {
            if (open.payees().isEmpty() || open.payees().size() > MAX_PAYEES) {
                throw new ContractRefusal("invalid-payees", what + ": payees lists " + open.payees().size()
                        + " accounts; give 1 to " + MAX_PAYEES + ", or leave it out to allow any payee");
            }
            TreeSet<String> sorted = new TreeSet<>();
            for (int i = 0; i < open.payees().size(); i++) {
                meter.charge();
                sorted.add(Accounts.requireValid(open.payees().get(i), what + ": payees[" + i + "]"));
            }
            payees = new ArrayList<>(sorted);
        }
        ContractAddress notice = noticeTarget(open, controller, what);
        requireControl(context, payer, what + ": payer");
        if (state.escrows().containsKey(id)) {
            throw new ContractRefusal("escrow-exists", what + ": an escrow '" + id + "' was already opened"
                    + " (escrow ids are never reused)");
        }
        if (open.expiresAt() <= context.blockTimeMillis()) {
            throw new ContractRefusal("escrow-expired", what + ": expiresAt " + open.expiresAt()
                    + " is not after the block time " + context.blockTimeMillis());
        }
        requireBalance(state, payer, amount, what);
        Outcome<TokensEvent> opened = done("escrow-opened", Map.of("id", id, "remaining", amount, "balance",
                state.balance(payer) - amount), new TokensEvent.EscrowOpened(id, payer, controller, payees,
                amount, open.expiresAt()));
        if (notice == null) {
            return opened;
        }
        return opened.withMessages(List.of(new ContractMessage(notice, EscrowOpenedNotice.COMMAND,
                ContractJson.write(new EscrowOpenedNotice(id, payer, controller, payees, amount, open.expiresAt(),
                        open.memo())))));
    }

    /**
     * The contract to tell of the new escrow, or null when the payer did not ask ({@code memo} left out). Only a
     * contract controller can be told; the object is bounded, and tokens never reads it.
     */
    private static ContractAddress noticeTarget(TokensCommand.EscrowOpen open, String controller, String what) {
        if (open.memo() == null || open.memo().isNull()) {
            return null;
        }
        if (!open.memo().isObject()) {
            throw new ContractRefusal("invalid-memo", what + ": memo must be a JSON object, got "
                    + open.memo().getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        int size = ContractJson.write(open.memo()).length;
        if (size > MAX_MEMO_BYTES) {
            throw new ContractRefusal("invalid-memo", what + ": memo is " + size + " bytes of JSON; at most "
                    + MAX_MEMO_BYTES);
        }
        if (controller.indexOf('/') < 0) {
            throw new ContractRefusal("invalid-memo", what + ": memo is for a contract controller, but the"
                    + " controller " + controller + " is a key");
        }
        return ContractAddress.parse(controller);
    }

    private Outcome<TokensEvent> fund(TokensState state, ExecutionContext context, TokensCommand.EscrowFund fund) {
        String what = "tokens.escrow-fund";
        String id = escrowId(fund.id(), what);
        long amount = positive(fund.amount(), what + ": amount");
        Escrow escrow = openEscrow(state, id, what);
        if (!Accounts.controls(context, escrow.payer())) {
            throw new ContractRefusal("not-authorised", what + ": only the payer of escrow '" + id + "', "
                    + escrow.payer() + ", may fund it; the invoker is " + Accounts.invoker(context));
        }
        if (escrow.expiredAt(context.blockTimeMillis())) {
            throw new ContractRefusal("escrow-expired", what + ": escrow '" + id + "' expired at "
                    + escrow.expiresAt() + " (block time " + context.blockTimeMillis() + ")");
        }
        requireBalance(state, escrow.payer(), amount, what);
        long remaining = add(escrow.remaining(), amount, what + ": escrow '" + id + "' would hold more than "
                + Long.MAX_VALUE);
        return done("escrow-funded", Map.of("id", id, "remaining", remaining),
                new TokensEvent.EscrowFunded(id, amount));
    }

    private Outcome<TokensEvent> pay(TokensState state, ExecutionContext context, TokensCommand.EscrowPay pay) {
        String what = "tokens.escrow-pay";
        String id = escrowId(pay.id(), what);
        String to = Accounts.requireValid(pay.to(), what + ": to");
        long amount = positive(pay.amount(), what + ": amount");
        Escrow escrow = openEscrow(state, id, what);
        if (!Accounts.controls(context, escrow.controller())) {
            throw new ContractRefusal("not-authorised", what + ": only the controller of escrow '" + id + "', "
                    + escrow.controller() + ", may pay from it; the invoker is " + Accounts.invoker(context));
        }
        if (escrow.expiredAt(context.blockTimeMillis())) {
            throw new ContractRefusal("escrow-expired", what + ": escrow '" + id + "' expired at "
                    + escrow.expiresAt() + " (block time " + context.blockTimeMillis() + ")");
        }
        if (!escrow.allowsPayee(to)) {
            throw new ContractRefusal("payee-not-allowed", what + ": escrow '" + id + "' pays only "
                    + String.join(", ", escrow.payees()) + "; not " + to);
        }
        if (escrow.remaining() < amount) {
            throw new ContractRefusal("escrow-insufficient", what + ": escrow '" + id + "' holds "
                    + escrow.remaining() + ", cannot pay " + amount + " to " + to);
        }
        long credited = add(state.balance(to), amount, what + ": " + to + " would hold more than "
                + Long.MAX_VALUE);
        return done("escrow-paid", Map.of("id", id, "to", to, "remaining", escrow.remaining() - amount,
                "toBalance", credited), new TokensEvent.EscrowPaid(id, to, amount));
    }

    private Outcome<TokensEvent> refund(TokensState state, ExecutionContext context,
                                        TokensCommand.EscrowRefund refund) {
        String what = "tokens.escrow-refund";
        String id = escrowId(refund.id(), what);
        Escrow escrow = openEscrow(state, id, what);
        boolean byController = Accounts.controls(context, escrow.controller());
        boolean byPayer = Accounts.controls(context, escrow.payer());
        if (!byController) {
            if (!byPayer) {
                throw new ContractRefusal("not-authorised", what + ": only the controller of escrow '" + id + "', "
                        + escrow.controller() + ", or its payer after expiry may refund it; the invoker is "
                        + Accounts.invoker(context));
            }
            if (!escrow.expiredAt(context.blockTimeMillis())) {
                throw new ContractRefusal("escrow-not-expired", what + ": escrow '" + id + "' expires at "
                        + escrow.expiresAt() + "; its payer may refund it from then on (block time "
                        + context.blockTimeMillis() + "), its controller at any time");
            }
        }
        long amount = escrow.remaining();
        add(state.balance(escrow.payer()), amount, what + ": " + escrow.payer() + " would hold more than "
                + Long.MAX_VALUE);
        return done("escrow-refunded", Map.of("id", id, "payer", escrow.payer(), "amount", amount),
                new TokensEvent.EscrowRefunded(id, escrow.payer(), amount));
    }

    @Override
    public TokensState apply(TokensState state, TokensEvent event) {
        return state.apply(event);
    }

    /**
     * {@code state} (the default), {@code balance} with {@code {"account": ...}}, {@code escrow} with
     * {@code {"id": ...}}.
     */
    @Override
    public byte[] query(TokensState state, String query, byte[] argument) {
        return switch (query) {
            case "state" -> ContractJson.write(state);
            case "balance" -> {
                String account = Accounts.requireValid(ContractJson.read(argument, AccountQuery.class,
                        "tokens.balance").account(), "tokens.balance: account");
                yield ContractJson.write(Map.of("account", account, "balance", state.balance(account)));
            }
            case "escrow" -> {
                String id = escrowId(ContractJson.read(argument, EscrowQuery.class, "tokens.escrow").id(),
                        "tokens.escrow");
                Escrow escrow = state.escrows().get(id);
                if (escrow == null) {
                    throw new ContractRefusal("unknown-escrow", "tokens.escrow: no escrow '" + id + "'");
                }
                yield ContractJson.write(escrow);
            }
            default -> throw new ContractRefusal("unknown-query", "tokens has no query '" + query
                    + "'; its queries are state, balance, escrow");
        };
    }

    private record AccountQuery(String account) {
    }

    private record EscrowQuery(String id) {
    }

    private static Outcome<TokensEvent> done(String code, Map<String, Object> answer, TokensEvent event) {
        return Outcome.of(ContractResult.ok(code, ContractJson.write(new TreeMap<>(answer))), event);
    }

    private static long positive(Long amount, String field) {
        if (amount == null) {
            throw new ContractRefusal("malformed-payload", field + " is required");
        }
        if (amount <= 0) {
            throw new ContractRefusal("invalid-amount", field + " must be > 0, got " + amount);
        }
        return amount;
    }

    private static long add(long a, long b, String refusal) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            throw new ContractRefusal("amount-overflow", refusal);
        }
    }

    private static String escrowId(String id, String what) {
        if (id == null) {
            throw new ContractRefusal("malformed-payload", what + ": id is required");
        }
        if (!ESCROW_ID.matcher(id).matches()) {
            throw new ContractRefusal("invalid-escrow-id", what + ": escrow id '" + Accounts.abbreviate(id)
                    + "' must be 1-64 characters of A-Z a-z 0-9 . _ : @ / + = -");
        }
        return id;
    }

    private static Escrow openEscrow(TokensState state, String id, String what) {
        Escrow escrow = state.escrows().get(id);
        if (escrow == null) {
            throw new ContractRefusal("unknown-escrow", what + ": no escrow '" + id + "'");
        }
        if (escrow.closed()) {
            throw new ContractRefusal("escrow-closed", what + ": escrow '" + id + "' was refunded and is closed");
        }
        return escrow;
    }

    private static void requireControl(ExecutionContext context, String account, String field) {
        if (!Accounts.controls(context, account)) {
            throw new ContractRefusal("not-authorised", field + " is " + account + ", but the invoker is "
                    + Accounts.invoker(context) + (context.isInternal() ? " (an internal message acts for the"
                    + " contract that sent it)" : " (a transaction acts for its signer's key)"));
        }
    }

    private static void requireBalance(TokensState state, String account, long amount, String what) {
        long balance = state.balance(account);
        if (balance < amount) {
            throw new ContractRefusal("insufficient-balance", what + ": " + account + " holds " + balance
                    + ", needs " + amount);
        }
    }
}
