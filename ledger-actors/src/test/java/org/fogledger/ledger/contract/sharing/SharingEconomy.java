package org.fogledger.ledger.contract.sharing;

import static org.fogledger.ledger.contract.sharing.SharingWorld.account;
import static org.fogledger.ledger.contract.sharing.SharingWorld.key;
import static org.fogledger.ledger.contract.sharing.SharingWorld.object;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.KeyPair;

/**
 * A small sharing economy for the conservation property: three devices (two owners, each device with its own
 * gateway at first), three consumers, a stranger, and the minter. It turns generated actions into signed
 * transactions, resolving them against the state the previous block left (which sessions exist, the next report
 * sequence, the standing offer), runs one block per step, and checks {@link SharingInvariants} after it.
 */
final class SharingEconomy {
    static final KeyPair[] CONSUMERS = {key("consumer-0"), key("consumer-1"), key("consumer-2")};
    static final KeyPair[] OWNERS = {key("owner-0"), key("owner-1")};
    static final KeyPair[] GATEWAYS = {key("gateway-0"), key("gateway-1"), key("gateway-2")};
    static final KeyPair STRANGER = key("stranger");
    static final List<String> DEVICES = List.of("dev-0", "dev-1", "dev-2");
    /** Who may receive mints and transfers: consumers and the stranger, never an owner (see the owner check). */
    static final KeyPair[] HOLDERS = {CONSUMERS[0], CONSUMERS[1], CONSUMERS[2], STRANGER};
    static final long START_BALANCE = 200;

    /** What one transaction of a block does; indices are taken modulo what they pick from. */
    sealed interface Action permits Mint, Transfer, MakeOffer, Withdraw, Open, Meter, Fail, Close, PayerRefund,
            Forge {
    }

    /** {@code byMinter} false: a consumer tries to mint, and is refused. */
    record Mint(boolean byMinter, int to, long amount) implements Action {
    }

    record Transfer(int from, int to, long amount) implements Action {
    }

    /** expiry: 0 none, 1 in half an hour, 2 in three hours. */
    record MakeOffer(int device, boolean byOwner, long price, int gateway, long maxUnits, int expiry)
            implements Action {
    }

    record Withdraw(int device, boolean byOwner) implements Action {
    }

    /**
     * memo: 0 the standing offer's terms, 1 an older offer, 2 another price, 3 no memo, 4 a malformed one; payee: 0
     * the owner, 1 the stranger; overpay: tokens more than units x price; shortLived: expires soon after service is
     * due; reuseId: the last escrow id again (refused by tokens).
     */
    record Open(int consumer, int device, long units, int memo, int payee, int overpay, boolean shortLived,
                boolean reuseId) implements Action {
    }

    /** gateway: -1 the session's own, else any gateway; seq: 0 the next, 1 a replay, 2 a jump ahead. */
    record Meter(int gateway, int device, int session, long units, int seq) implements Action {
    }

    /** signer: 0 the session's gateway, 1 its consumer, 2 the stranger. */
    record Fail(int signer, int device, int session) implements Action {
    }

    /** byConsumer false: the stranger tries. */
    record Close(boolean byConsumer, int device, int session) implements Action {
    }

    /** The session's consumer asks tokens directly for the escrow back (works only once it expired). */
    record PayerRefund(int device, int session) implements Action {
    }

    /** kind: 0 an offer sent to sharing directly, 1 a forged escrow notice, 2 a malformed meter, 3 unknown command. */
    record Forge(int device, int kind) implements Action {
    }

    /** One block: its transactions, and how much later than the previous block (beyond a second) it comes. */
    record Block(long laterMillis, List<Action> actions) {
    }

    private final SharingWorld world;
    private final Map<String, String> ownerOf = new TreeMap<>();
    private final Map<String, List<String>> escrowsOf = new TreeMap<>();
    private final Map<String, KeyPair> byAccount = new TreeMap<>();
    private BigInteger minted = BigInteger.ZERO;
    private int escrowCount;

    SharingEconomy(Contract<?, ?> sharing) {
        world = new SharingWorld(sharing);
        for (KeyPair key : List.of(CONSUMERS[0], CONSUMERS[1], CONSUMERS[2], OWNERS[0], OWNERS[1], STRANGER)) {
            byAccount.put(account(key), key);
        }
        for (int d = 0; d < DEVICES.size(); d++) {
            String device = DEVICES.get(d);
            KeyPair owner = OWNERS[d % OWNERS.length];
            world.installed(device, owner);
            ownerOf.put(device, account(owner));
            escrowsOf.put(device, new ArrayList<>());
            SharingWorld.expectOk(SharingWorld.internal(world.block(world.offerTx(owner, device,
                    SharingWorld.terms(2, "minute", List.of(GATEWAYS[d]), 8))), "sharing/" + device, "offer"));
        }
        for (KeyPair consumer : CONSUMERS) {
            world.mint(consumer, START_BALANCE);
            minted = minted.add(BigInteger.valueOf(START_BALANCE));
        }
    }

    /** Runs {@code block}, tells {@code outcomes} every execution's "command code", and returns the violations. */
    List<String> step(Block block, Consumer<String> outcomes) {
        world.advance(block.laterMillis());
        List<Transaction> transactions = new ArrayList<>();
        List<Action> actions = block.actions();
        for (Action action : actions) {
            transactions.add(transaction(action));
        }
        BlockResults results = world.block(transactions);
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof Mint mint && results.forTransaction(i).result().ok()) {
                minted = minted.add(BigInteger.valueOf(mint.amount()));
            }
        }
        for (ExecutionRecord record : results.records()) {
            outcomes.accept(record.command() + " " + record.result().code());
            if (record.command().equals("meter") && record.result().ok()
                    && !record.result().text().contains("\"unitsOverrun\":0")) {
                outcomes.accept("meter overrun");
            }
        }
        return violations();
    }

    List<String> violations() {
        Map<String, SharingState> devices = new TreeMap<>();
        for (String device : DEVICES) {
            devices.put(device, world.sharing(device));
        }
        return SharingInvariants.violations(world.tokens(), devices, ownerOf, minted);
    }

    private Transaction transaction(Action action) {
        if (action instanceof Mint m) {
            KeyPair signer = m.byMinter() ? SharingWorld.MINTER : CONSUMERS[0];
            return world.tx(signer, "tokens", "mint", object("to", account(HOLDERS[m.to() % HOLDERS.length]),
                    "amount", m.amount()));
        }
        if (action instanceof Transfer t) {
            KeyPair from = CONSUMERS[t.from() % CONSUMERS.length];
            return world.tx(from, "tokens", "transfer", object("from", account(from), "to",
                    account(HOLDERS[t.to() % HOLDERS.length]), "amount", t.amount()));
        }
        if (action instanceof MakeOffer o) {
            String device = device(o.device());
            Long expiresAt = o.expiry() == 0 ? null : world.nextBlockTime() + (o.expiry() == 1 ? 1_800_000 : 10_800_000L);
            Map<String, Object> terms = new TreeMap<>(SharingWorld.terms(o.price(), "minute",
                    List.of(GATEWAYS[o.gateway() % GATEWAYS.length]), o.maxUnits()));
            if (expiresAt != null) {
                terms.put("expiresAt", expiresAt);
            }
            return world.offerTx(o.byOwner() ? owner(device) : STRANGER, device, terms);
        }
        if (action instanceof Withdraw w) {
            String device = device(w.device());
            return world.withdrawTx(w.byOwner() ? owner(device) : STRANGER, device);
        }
        if (action instanceof Open o) {
            return open(o);
        }
        if (action instanceof Meter m) {
            String device = device(m.device());
            Session session = session(device, m.session());
            String id = session == null ? "no-such-session" : session.id();
            KeyPair gateway = m.gateway() < 0 && session != null ? gatewayOf(session)
                    : GATEWAYS[Math.abs(m.gateway()) % GATEWAYS.length];
            long last = session == null ? 0 : session.lastReportSeq();
            long seq = m.seq() == 0 ? last + 1 : m.seq() == 1 ? Math.max(last, 1) : last + 3;
            return world.meterTx(gateway, device, id, m.units(), seq);
        }
        if (action instanceof Fail f) {
            String device = device(f.device());
            Session session = session(device, f.session());
            String id = session == null ? "no-such-session" : session.id();
            KeyPair signer = session == null || f.signer() == 2 ? STRANGER
                    : f.signer() == 0 ? gatewayOf(session) : byAccount.get(session.consumer());
            return world.failTx(signer, device, id);
        }
        if (action instanceof Close c) {
            String device = device(c.device());
            Session session = session(device, c.session());
            String id = session == null ? "no-such-session" : session.id();
            KeyPair signer = session == null || !c.byConsumer() ? STRANGER : byAccount.get(session.consumer());
            return world.closeTx(signer, device, id);
        }
        if (action instanceof PayerRefund r) {
            Session session = session(device(r.device()), r.session());
            KeyPair signer = session == null ? STRANGER : byAccount.get(session.consumer());
            return world.tx(signer, "tokens", "escrow-refund", object("id", session == null ? "no-such-escrow"
                    : session.id()));
        }
        Forge f = (Forge) action;
        String device = device(f.device());
        String sharing = "sharing/" + device;
        return switch (f.kind() % 4) {
            case 0 -> world.tx(owner(device), sharing, "offer", object("owner", ContractJson.hex(owner(device)
                    .publicKey()), "offer", SharingWorld.terms(1, "minute", List.of(STRANGER), 100)));
            case 1 -> world.tx(STRANGER, sharing, "escrow-opened", object("id", "forged", "payer",
                    account(CONSUMERS[0]), "controller", sharing, "payees", List.of(ownerOf.get(device)), "amount",
                    2, "expiresAt", world.nextBlockTime() + 10_800_000L, "memo", SharingWorld.memo(1, 2, 1)));
            case 2 -> world.tx(GATEWAYS[0], sharing, "meter", "{\"sessionId\":\"e0\",\"units\":-5}");
            default -> world.tx(STRANGER, sharing, "pay-me", object());
        };
    }

    private Transaction open(Open o) {
        String device = device(o.device());
        KeyPair consumer = CONSUMERS[o.consumer() % CONSUMERS.length];
        Offer offer = world.sharing(device).offer();
        long sequence = offer == null ? 1 : offer.sequence();
        long price = offer == null ? 2 : offer.price();
        Object memo = switch (o.memo() % 5) {
            case 0 -> SharingWorld.memo(sequence, price, o.units());
            case 1 -> SharingWorld.memo(sequence - 1, price, o.units());
            case 2 -> SharingWorld.memo(sequence, price + 1, o.units());
            case 3 -> null;
            default -> object("offer", "first", "units", o.units());
        };
        String id = o.reuseId() && escrowCount > 0 ? "e" + (escrowCount - 1) : "e" + escrowCount++;
        escrowsOf.get(device).add(id);
        String payee = o.payee() == 0 ? ownerOf.get(device) : account(STRANGER);
        long expiresAt = world.nextBlockTime() + (o.shortLived() ? 700_000 : 10_800_000L);
        return world.openTx(consumer, device, id, payee, o.units() * price + o.overpay(), expiresAt, memo);
    }

    /** Mostly one of the device's open sessions (when it has any), else any session it had. */
    private Session session(String device, int pick) {
        SharingState state = world.sharing(device);
        List<Session> open = new ArrayList<>(state.open().values());
        if (pick % 4 != 3 && !open.isEmpty()) {
            return open.get(pick % open.size());
        }
        List<String> ids = escrowsOf.get(device);
        for (int i = 0; i < ids.size(); i++) {
            Session session = state.session(ids.get((pick + i) % ids.size()));
            if (session != null) {
                return session;
            }
        }
        return null;
    }

    private static KeyPair gatewayOf(Session session) {
        for (KeyPair gateway : GATEWAYS) {
            if (session.gateways().contains(gateway.publicKey())) {
                return gateway;
            }
        }
        return STRANGER;
    }

    private KeyPair owner(String device) {
        return byAccount.get(ownerOf.get(device));
    }

    private static String device(int index) {
        return DEVICES.get(index % DEVICES.size());
    }
}
