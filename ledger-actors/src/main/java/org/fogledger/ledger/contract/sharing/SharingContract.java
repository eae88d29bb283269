package org.fogledger.ledger.contract.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.fogledger.ledger.contract.tokens.Accounts;
import org.fogledger.ledger.contract.tokens.EscrowOpenedNotice;
import org.fogledger.ledger.contract.tokens.TokensContract;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The sharing economy, one instance per device ({@code sharing/<deviceId>}): the device's owner offers its use at
 * a price per unit, consumers pay into escrows this instance controls, the gateways the owner trusts meter usage,
 * and the instance pays the owner from the escrow for what was metered and sends the rest back when the session
 * ends. It never holds tokens itself: every token stays in the tokens contract, which only this instance can pay
 * out of its escrows, only to the owner named when the escrow was opened, and never more than the escrow holds.
 *
 * <p>Who may do what, and how each is checked without reading another contract's state:
 * <ul>
 *   <li>{@code offer}, {@code withdraw}: internal messages from {@code registry/<deviceId>}, which checked that the
 *       signer owns the device (and, for an offer, that the device is admitted) and names the owner;</li>
 *   <li>{@code escrow-opened}: an internal message from {@code tokens/_}, sent because the consumer opened an
 *       escrow with this instance as controller and asked for it ({@code memo}); its facts are the tokens
 *       contract's own. An escrow that does not fit the offer is refunded at once;</li>
 *   <li>{@code meter}: a transaction signed by one of the session's gateways;</li>
 *   <li>{@code service-failed}: a session's gateway at any time, its consumer once service is overdue;</li>
 *   <li>{@code close-session}: the session's consumer.</li>
 * </ul>
 * See docs/contracts/sharing.md.
 */
public final class SharingContract implements Contract<SharingState, SharingEvent> {
    public static final String NAME = "sharing";
    public static final String REGISTRY = "registry";
    public static final int MAX_GATEWAYS = 8;
    public static final int MAX_OPEN_SESSIONS = 64;
    public static final int MAX_NOTE_LENGTH = 280;
    /** The largest price per unit and budget in units: their product still fits a long. */
    public static final long MAX_PRICE = 1_000_000_000_000L;
    public static final long MAX_UNITS = 1_000_000_000L;
    public static final long DEFAULT_SERVICE_START_MILLIS = 600_000;
    public static final long MAX_SERVICE_START_MILLIS = 30L * 24 * 3_600_000;

    static final List<String> COMMANDS = List.of("offer", "withdraw", EscrowOpenedNotice.COMMAND, "meter",
            "service-failed", "close-session");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,15}");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,64}");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<SharingState> stateType() {
        return SharingState.class;
    }

    @Override
    public Class<SharingEvent> eventType() {
        return SharingEvent.class;
    }

    @Override
    public SharingState initialState(String instance) {
        return SharingState.initial(instance);
    }

    @Override
    public Outcome<SharingEvent> handle(SharingState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        ExecutionContext context = invocation.context();
        byte[] payload = invocation.payload();
        return switch (invocation.command()) {
            case "offer" -> offer(state, context, ContractJson.read(payload, SharingCommand.RelayedOffer.class,
                    "sharing.offer"), meter);
            case "withdraw" -> withdraw(state, context, ContractJson.read(payload,
                    SharingCommand.RelayedWithdrawal.class, "sharing.withdraw"));
            case EscrowOpenedNotice.COMMAND -> escrowOpened(state, invocation.address(), context,
                    ContractJson.read(payload, EscrowOpenedNotice.class, "sharing.escrow-opened"));
            case "meter" -> meter(state, context, ContractJson.read(payload, SharingCommand.Meter.class,
                    "sharing.meter"));
            case "service-failed" -> serviceFailed(state, context, ContractJson.read(payload,
                    SharingCommand.ServiceFailed.class, "sharing.service-failed"));
            case "close-session" -> close(state, context, ContractJson.read(payload,
                    SharingCommand.CloseSession.class, "sharing.close-session"));
            default -> throw new ContractRefusal("unknown-command", "sharing has no command '"
                    + invocation.command() + "'; its commands are " + String.join(", ", COMMANDS));
        };
    }

    // --- offers, relayed by the registry ---

    private Outcome<SharingEvent> offer(SharingState state, ExecutionContext context,
                                        SharingCommand.RelayedOffer relayed, StepMeter meter) {
        String what = "sharing.offer";
        requireRegistry(state, context, what);
        PublicKey owner = required(relayed.owner(), what, "owner");
        SharingCommand.OfferTerms terms = required(relayed.offer(), what, "offer");
        long price = within(terms.price(), 1, MAX_PRICE, what, "offer.price");
        String unit = required(terms.unit(), what, "offer.unit");
        if (!UNIT.matcher(unit).matches()) {
            throw new ContractRefusal("invalid-offer", what + ": field 'offer.unit' '" + abbreviate(unit)
                    + "' must be 1-16 characters of A-Z a-z 0-9 '-', starting with a letter (minute, message, kWh)");
        }
        List<PublicKey> listed = required(terms.gateways(), what, "offer.gateways");
        if (listed.isEmpty() || listed.size() > MAX_GATEWAYS) {
            throw new ContractRefusal("invalid-offer", what + ": field 'offer.gateways' lists " + listed.size()
                    + " keys; give 1 to " + MAX_GATEWAYS);
        }
        TreeSet<String> seen = new TreeSet<>();
        List<PublicKey> gateways = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            meter.charge();
            PublicKey gateway = required(listed.get(i), what, "offer.gateways[" + i + "]");
            if (!seen.add(ContractJson.hex(gateway))) {
                throw new ContractRefusal("invalid-offer", what + ": field 'offer.gateways[" + i + "]' repeats "
                        + ContractJson.hex(gateway));
            }
            gateways.add(gateway);
        }
        long maxUnits = within(terms.maxUnitsPerSession(), 1, MAX_UNITS, what, "offer.maxUnitsPerSession");
        long serviceStart = terms.serviceStartMillis() == null ? DEFAULT_SERVICE_START_MILLIS
                : within(terms.serviceStartMillis(), 1, MAX_SERVICE_START_MILLIS, what, "offer.serviceStartMillis");
        if (terms.expiresAt() != null && terms.expiresAt() <= context.blockTimeMillis()) {
            throw new ContractRefusal("invalid-offer", what + ": field 'offer.expiresAt' " + terms.expiresAt()
                    + " is not after this block's time " + context.blockTimeMillis() + ": the offer would never hold");
        }
        Offer offer = new Offer(state.offersMade() + 1, owner, Accounts.of(owner), price, unit, gateways,
                terms.expiresAt(), maxUnits, serviceStart, context.blockTimeMillis());
        return Outcome.of(ContractResult.ok("offered", ContractJson.write(offer)), new SharingEvent.Offered(offer));
    }

    private Outcome<SharingEvent> withdraw(SharingState state, ExecutionContext context,
                                           SharingCommand.RelayedWithdrawal relayed) {
        String what = "sharing.withdraw";
        requireRegistry(state, context, what);
        required(relayed.owner(), what, "owner");
        if (state.offer() == null) {
            throw new ContractRefusal("no-offer", what + ": device " + state.deviceId() + " has no offer standing");
        }
        long sequence = state.offer().sequence();
        return Outcome.of(ContractResult.ok("withdrawn", answer("offer", sequence, "openSessions",
                state.open().size())), new SharingEvent.Withdrawn(sequence, context.blockTimeMillis()));
    }

    /**
     * Only {@code registry/<this device>} relays offers: it alone knows who owns the device. A key sending
     * {@code offer} directly, or another contract, is refused, whatever owner it names.
     */
    private static void requireRegistry(SharingState state, ExecutionContext context, String what) {
        ContractAddress registry = ContractAddress.of(REGISTRY, state.deviceId());
        if (!registry.equals(context.caller())) {
            throw new ContractRefusal("not-authorised", what + ": offers for device " + state.deviceId()
                    + " are relayed by " + registry + " (owner sends it offer-sharing or withdraw-sharing), not sent"
                    + " by " + (context.isInternal() ? "contract " + context.caller() : "key "
                    + ContractJson.hex(context.sender()) + " directly"));
        }
    }

    // --- sessions: opened by the tokens contract's notice ---

    private Outcome<SharingEvent> escrowOpened(SharingState state, ContractAddress self, ExecutionContext context,
                                               EscrowOpenedNotice notice) {
        String what = "sharing.escrow-opened";
        if (!TokensContract.ADDRESS.equals(context.caller())) {
            throw new ContractRefusal("not-authorised", what + ": only " + TokensContract.ADDRESS + " reports"
                    + " escrows, not " + (context.isInternal() ? "contract " + context.caller() : "key "
                    + ContractJson.hex(context.sender())));
        }
        String id = required(notice.id(), what, "id");
        if (!Accounts.of(self).equals(notice.controller())) {
            throw new ContractRefusal("not-controller", what + ": escrow '" + id + "' is controlled by "
                    + notice.controller() + ", not by " + self);
        }
        if (state.session(id) != null) {
            throw new ContractRefusal("session-exists", what + ": a session '" + id + "' exists already");
        }
        String declined = declineReason(state, context, notice);
        if (declined != null) {
            // The escrow is ours to pay from, so ours to send back at once: a consumer whose escrow does not fit
            // the offer does not wait for its expiry to get the tokens back.
            return Outcome.<SharingEvent>answer(ContractResult.ok("session-declined", answer("id", id,
                    "refunded", notice.amount(), "reason", declined))).withMessages(List.of(refund(id)));
        }
        SharingCommand.SessionTerms terms = terms(notice.memo(), what);
        Offer offer = state.offer();
        Session session = new Session(id, notice.payer(), offer.payee(), offer.sequence(), offer.price(),
                offer.unit(), offer.gateways(), terms.units(), notice.amount(), context.blockTimeMillis(),
                saturatedAdd(context.blockTimeMillis(), offer.serviceStartMillis()), notice.expiresAt(), 0, 0, 0, 0,
                SessionStatus.OPEN, 0, null, null);
        return Outcome.of(ContractResult.ok("session-opened", ContractJson.write(session)),
                new SharingEvent.SessionOpened(session));
    }

    /** Why the escrow cannot start a session under the standing offer, or null when it can. */
    private static String declineReason(SharingState state, ExecutionContext context, EscrowOpenedNotice notice) {
        Offer offer = state.offer();
        if (offer == null) {
            return "device " + state.deviceId() + " has no offer standing";
        }
        if (offer.expiredAt(context.blockTimeMillis())) {
            return "the offer expired at " + offer.expiresAt() + " (block time " + context.blockTimeMillis() + ")";
        }
        if (state.open().size() >= MAX_OPEN_SESSIONS) {
            return "device " + state.deviceId() + " has " + MAX_OPEN_SESSIONS + " open sessions, the most allowed";
        }
        if (notice.payees() == null || !notice.payees().equals(List.of(offer.payee()))) {
            return "payees must be exactly the owner's account [" + offer.payee() + "], not "
                    + (notice.payees() == null ? "any account" : notice.payees());
        }
        SharingCommand.SessionTerms terms;
        try {
            terms = terms(notice.memo(), "sharing.escrow-opened");
        } catch (ContractRefusal malformed) {
            return malformed.getMessage();
        }
        if (terms.offer() == null || terms.price() == null || terms.units() == null) {
            return "memo must name offer, price and units, e.g. {\"offer\": " + offer.sequence() + ", \"price\": "
                    + offer.price() + ", \"units\": 10}";
        }
        if (terms.offer() != offer.sequence() || terms.price() != offer.price()) {
            return "memo accepts offer " + terms.offer() + " at price " + terms.price() + ", but the standing offer"
                    + " is " + offer.sequence() + " at price " + offer.price();
        }
        if (terms.units() < 1 || terms.units() > offer.maxUnitsPerSession()) {
            return "memo.units " + terms.units() + " must be 1 to " + offer.maxUnitsPerSession() + " (the offer's"
                    + " maxUnitsPerSession)";
        }
        long cost = terms.units() * offer.price();
        if (notice.amount() != cost) {
            return "amount " + notice.amount() + " must be units x price = " + terms.units() + " x " + offer.price()
                    + " = " + cost;
        }
        if (notice.expiresAt() <= saturatedAdd(context.blockTimeMillis(), offer.serviceStartMillis())) {
            return "the escrow expires at " + notice.expiresAt() + ", before service is due to start ("
                    + offer.serviceStartMillis() + " ms after block time " + context.blockTimeMillis() + ")";
        }
        return null;
    }

    private static SharingCommand.SessionTerms terms(JsonNode memo, String what) {
        if (memo == null || !memo.isObject()) {
            throw new ContractRefusal("malformed-payload", what + ": memo must be a JSON object with offer, price"
                    + " and units");
        }
        return ContractJson.read(ContractJson.write(memo), SharingCommand.SessionTerms.class, what + " memo");
    }

    // --- metering ---

    private Outcome<SharingEvent> meter(SharingState state, ExecutionContext context, SharingCommand.Meter report) {
        String what = "sharing.meter";
        String id = sessionId(report.sessionId(), what, "sessionId");
        long units = within(report.units(), 1, MAX_UNITS, what, "units");
        long sequence = within(report.reportSeq(), 1, Long.MAX_VALUE, what, "reportSeq");
        Session session = openSession(state, id, what);
        if (context.isInternal() || !session.gateways().contains(context.sender())) {
            throw new ContractRefusal("not-authorised", what + ": session '" + id + "' is metered by its gateways "
                    + hexes(session.gateways()) + " in their own transactions, not by "
                    + (context.isInternal() ? "contract " + context.caller() : ContractJson.hex(context.sender())));
        }
        if (session.expiredAt(context.blockTimeMillis())) {
            throw new ContractRefusal("session-expired", what + ": session '" + id + "' expired at "
                    + session.expiresAt() + " (block time " + context.blockTimeMillis() + "); its escrow pays"
                    + " no more");
        }
        if (sequence <= session.lastReportSeq()) {
            throw new ContractRefusal("stale-report", what + ": field 'reportSeq' " + sequence + " is not after"
                    + " the last accepted report " + session.lastReportSeq() + " of session '" + id
                    + "' (a replay or a late duplicate)");
        }
        long unitsPaid = Math.min(units, session.unitsLeft());
        long amount = unitsPaid * session.price();
        long overrun = units - unitsPaid;
        try {
            Math.addExact(session.unitsOverrun(), overrun);
        } catch (ArithmeticException e) {
            throw new ContractRefusal("amount-overflow", what + ": session '" + id + "' cannot record more overrun");
        }
        SharingEvent.Metered metered = new SharingEvent.Metered(id, sequence, units, unitsPaid, amount, overrun);
        Outcome<SharingEvent> outcome = Outcome.of(ContractResult.ok("metered", answer("id", id, "unitsPaid",
                unitsPaid, "paid", amount, "unitsOverrun", overrun, "remaining", session.remaining() - amount)),
                metered);
        if (amount == 0) {
            return outcome;
        }
        return outcome.withMessages(List.of(new ContractMessage(TokensContract.ADDRESS, "escrow-pay",
                ContractJson.write(new TreeMap<>(Map.of("id", id, "to", session.payee(), "amount", amount))))));
    }

    // --- ending a session ---

    private Outcome<SharingEvent> serviceFailed(SharingState state, ExecutionContext context,
                                                SharingCommand.ServiceFailed failed) {
        String what = "sharing.service-failed";
        String id = sessionId(failed.sessionId(), what, "sessionId");
        String note = note(failed.note(), what);
        Session session = openSession(state, id, what);
        boolean byGateway = !context.isInternal() && session.gateways().contains(context.sender());
        boolean byConsumer = Accounts.controls(context, session.consumer());
        if (!byGateway) {
            if (!byConsumer) {
                throw new ContractRefusal("not-authorised", what + ": session '" + id + "' may be declared failed by"
                        + " its gateways " + hexes(session.gateways()) + ", or by its consumer " + session.consumer()
                        + " once service is overdue; not by " + Accounts.invoker(context));
            }
            if (session.unitsPaid() > 0 || session.unitsOverrun() > 0) {
                throw new ContractRefusal("service-started", what + ": session '" + id + "' was metered ("
                        + session.lastReportSeq() + " reports); its consumer ends it with close-session");
            }
            if (context.blockTimeMillis() < session.serviceBy()) {
                throw new ContractRefusal("service-not-overdue", what + ": service of session '" + id
                        + "' is due by " + session.serviceBy() + "; its consumer may declare it failed from then on"
                        + " (block time " + context.blockTimeMillis() + ")");
            }
        }
        return end(session, SessionStatus.FAILED, context, note);
    }

    private Outcome<SharingEvent> close(SharingState state, ExecutionContext context,
                                        SharingCommand.CloseSession close) {
        String what = "sharing.close-session";
        String id = sessionId(close.sessionId(), what, "sessionId");
        Session session = openSession(state, id, what);
        if (!Accounts.controls(context, session.consumer())) {
            throw new ContractRefusal("not-authorised", what + ": only the consumer of session '" + id + "', "
                    + session.consumer() + ", closes it; not " + Accounts.invoker(context));
        }
        SessionStatus status = session.expiredAt(context.blockTimeMillis()) ? SessionStatus.EXPIRED
                : SessionStatus.CLOSED;
        return end(session, status, context, null);
    }

    private static Outcome<SharingEvent> end(Session session, SessionStatus status, ExecutionContext context,
                                             String note) {
        long refunded = session.remaining();
        SharingEvent.SessionEnded ended = new SharingEvent.SessionEnded(session.id(), status, refunded,
                context.blockTimeMillis(), note);
        return Outcome.of(ContractResult.ok("session-ended", answer("id", session.id(), "status",
                status.wireName(), "paid", session.paid(), "refunded", refunded)), (SharingEvent) ended)
                .withMessages(List.of(refund(session.id())));
    }

    private static ContractMessage refund(String escrowId) {
        return new ContractMessage(TokensContract.ADDRESS, "escrow-refund",
                ContractJson.write(new TreeMap<>(Map.of("id", escrowId))));
    }

    @Override
    public SharingState apply(SharingState state, SharingEvent event) {
        return state.apply(event);
    }

    /** {@code state} (the default), {@code offer}, {@code sessions}, {@code session} with {@code {"id": ...}}. */
    @Override
    public byte[] query(SharingState state, String query, byte[] argument) {
        return switch (query) {
            case "state" -> ContractJson.write(state);
            case "offer" -> {
                if (state.offer() == null) {
                    throw new ContractRefusal("no-offer", "sharing.offer: device " + state.deviceId()
                            + " has no offer standing");
                }
                yield ContractJson.write(state.offer());
            }
            case "sessions" -> ContractJson.write(new TreeMap<>(Map.of("open", List.copyOf(state.open().values()),
                    "ended", state.ended(), "totals", state.totals())));
            case "session" -> {
                String id = sessionId(ContractJson.read(argument, SharingCommand.SessionQuery.class,
                        "sharing.session").id(), "sharing.session", "id");
                Session session = state.session(id);
                if (session == null) {
                    throw new ContractRefusal("unknown-session", "sharing.session: device " + state.deviceId()
                            + " has no session '" + id + "' (ended sessions are kept for the last "
                            + SharingState.ENDED_KEPT + ")");
                }
                yield ContractJson.write(session);
            }
            default -> throw new ContractRefusal("unknown-query", "sharing has no query '" + query
                    + "'; its queries are state, offer, sessions, session");
        };
    }

    // --- field checks ---

    private static Session openSession(SharingState state, String id, String what) {
        Session session = state.session(id);
        if (session == null) {
            throw new ContractRefusal("unknown-session", what + ": device " + state.deviceId() + " has no session '"
                    + id + "'");
        }
        if (!session.isOpen()) {
            throw new ContractRefusal("session-ended", what + ": session '" + id + "' ended (" + session.status()
                    .wireName() + ") at " + session.endedAt());
        }
        return session;
    }

    private static String sessionId(String id, String what, String field) {
        required(id, what, field);
        if (!SESSION_ID.matcher(id).matches()) {
            throw new ContractRefusal("invalid-session-id", what + ": session id '" + abbreviate(id)
                    + "' must be 1-64 characters of A-Z a-z 0-9 . _ : @ / + = - (it is the escrow's id)");
        }
        return id;
    }

    private static String note(String note, String what) {
        if (note == null) {
            return null;
        }
        if (note.isEmpty() || note.length() > MAX_NOTE_LENGTH || note.chars().anyMatch(Character::isISOControl)) {
            throw new ContractRefusal("malformed-payload", what + ": field 'note' must be 1 to " + MAX_NOTE_LENGTH
                    + " characters without control characters");
        }
        return note;
    }

    private static <T> T required(T value, String what, String field) {
        if (value == null) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is required");
        }
        return value;
    }

    private static long within(Long value, long min, long max, String what, String field) {
        long v = required(value, what, field);
        if (v < min || v > max) {
            throw new ContractRefusal("invalid-amount", what + ": field '" + field + "' must be " + min + " to "
                    + max + ", got " + v);
        }
        return v;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static String hexes(List<PublicKey> keys) {
        return keys.stream().map(ContractJson::hex).toList().toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static byte[] answer(Object... namesAndValues) {
        TreeMap<String, Object> answer = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            answer.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return ContractJson.write(answer);
    }
}
