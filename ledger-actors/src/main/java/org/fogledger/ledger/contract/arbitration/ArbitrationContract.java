package org.fogledger.ledger.contract.arbitration;

import java.util.ArrayList;
import java.util.List;
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
import org.fogledger.ledger.contract.registry.DeviceHold;
import org.fogledger.ledger.contract.registry.RegistryContract;

/**
 * The arbitration of agents' decisions on one device, {@code arbitration/<deviceId>}: it settles each decision that
 * reaches it against the decisions standing on the device ({@link Arbitration}), records every outcome, winner and
 * loser with its reason, and when the device's hold changes tells {@code registry/<deviceId>} to enact it. Agents
 * read the outcomes (query {@code outcomes}) and enact them. See docs/contracts/arbitration.md.
 *
 * <p>Command {@code settle} (payload an {@link AgentDecision}) is accepted from {@link #POLICY} only, the last hop of
 * the route authority, registry, policy.
 * Queries: {@code standing}, {@code outcomes} ({@code {"sinceHeight": h}}), {@code state}.
 */
public final class ArbitrationContract implements Contract<ArbitrationState, ArbitrationEvent> {
    public static final String NAME = RegistryContract.ARBITRATION_CONTRACT;
    /** The policy contract, which fills in the ruling and relays {@code settle}. */
    public static final ContractAddress POLICY = ContractAddress.of("policy", ContractAddress.DEFAULT_INSTANCE);
    public static final int MAX_NOTE_LENGTH = RegistryContract.MAX_NOTE_LENGTH;
    public static final int MAX_TEXT_LENGTH = 1024;

    private final SettlementRules rules;

    public ArbitrationContract() {
        this(Arbitration.INSTANCE);
    }

    /** Test seam: the same contract with other rules (to show the tests catch broken ones). */
    ArbitrationContract(SettlementRules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ArbitrationState> stateType() {
        return ArbitrationState.class;
    }

    @Override
    public Class<ArbitrationEvent> eventType() {
        return ArbitrationEvent.class;
    }

    @Override
    public ArbitrationState initialState(String instance) {
        return ArbitrationState.empty(instance);
    }

    /** Whether {@code caller} may send {@code settle} to {@code arbitration/<deviceId>}. */
    public static boolean maySettle(ContractAddress caller, String deviceId) {
        return POLICY.equals(caller);
    }

    @Override
    public Outcome<ArbitrationEvent> handle(ArbitrationState state, Invocation invocation, StepMeter meter) {
        meter.charge();
        if (!"settle".equals(invocation.command())) {
            throw new ContractRefusal("unknown-command", NAME + " has no command '" + invocation.command()
                    + "'; commands: settle");
        }
        String what = NAME + ".settle";
        ExecutionContext context = invocation.context();
        String deviceId = state.deviceId();
        if (!maySettle(context.caller(), deviceId)) {
            throw new ContractRefusal("not-authorised", what + " is accepted from " + POLICY + " only, not from " + (context.isInternal() ? context.caller() : "a transaction signed by "
                    + ContractJson.hex(context.sender())));
        }
        AgentDecision decision = checked(ContractJson.read(invocation.payload(), AgentDecision.class, what),
                deviceId, what);
        Settlement settlement = rules.settle(state, decision, context.height(), context.index());
        meter.charge(1 + state.standing().size() + state.pending().size());
        Outcome<ArbitrationEvent> outcome = Outcome.of(ContractResult.ok(settlement.verdict().wireName(),
                ContractJson.write(settlement)), new ArbitrationEvent.Settled(settlement));
        if (settlement.holdChanged()) {
            Enactment enactment = new Enactment(deviceId, settlement.holdAfter(), decision,
                    truncate(settlement.reason(), Enactment.MAX_REASON_LENGTH));
            outcome = outcome.withMessages(List.of(new ContractMessage(ContractAddress.of(RegistryContract.NAME,
                    deviceId), "enact", ContractJson.write(enactment))));
        }
        return outcome;
    }

    private static AgentDecision checked(AgentDecision decision, String deviceId, String what) {
        if (!deviceId.equals(decision.deviceId())) {
            throw new ContractRefusal("malformed-payload", what + ": field 'deviceId' '" + decision.deviceId()
                    + "' is not this instance's device '" + deviceId + "'");
        }
        required(decision.agent(), what, "agent");
        required(decision.rank(), what, "rank");
        required(decision.action(), what, "action");
        required(decision.jurisdiction(), what, "jurisdiction");
        text(decision.note(), what, "note", MAX_NOTE_LENGTH);
        text(decision.illegitimate(), what, "illegitimate", MAX_TEXT_LENGTH);
        if (decision.height() < 0 || decision.index() < 0) {
            throw new ContractRefusal("malformed-payload", what + ": fields 'height' and 'index' must be >= 0, got "
                    + decision.height() + " and " + decision.index());
        }
        if (decision.ruling() != null) {
            text(decision.ruling().reason(), what, "ruling.reason", MAX_TEXT_LENGTH);
            text(decision.ruling().policy(), what, "ruling.policy", MAX_TEXT_LENGTH);
        }
        return decision;
    }

    private static void required(Object value, String what, String field) {
        if (value == null) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is required");
        }
    }

    private static void text(String value, String what, String field, int max) {
        if (value != null && value.length() > max) {
            throw new ContractRefusal("malformed-payload", what + ": field '" + field + "' is " + value.length()
                    + " characters long, more than " + max);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    @Override
    public ArbitrationState apply(ArbitrationState state, ArbitrationEvent event) {
        if (event instanceof ArbitrationEvent.Settled settled) {
            return state.after(settled.settlement());
        }
        return state;
    }

    @Override
    public byte[] query(ArbitrationState state, String query, byte[] argument) {
        return switch (query) {
            case "standing" -> {
                noArgument(query, argument);
                List<Standing> holders = new ArrayList<>();
                for (Standing standing : state.standing().values()) {
                    if (state.hold() != DeviceHold.OPEN && (standing.action() == DecisionAction.BLOCK
                            || standing.action() == DecisionAction.QUARANTINE)) {
                        holders.add(standing);
                    }
                }
                yield ContractJson.write(new ArbitrationQueries.StandingView(state.deviceId(), state.hold(), holders,
                        List.copyOf(state.standing().values()), List.copyOf(state.pending().values()),
                        state.settledCount()));
            }
            case "outcomes" -> {
                long since = 0;
                if (argument != null && argument.length > 0) {
                    ArbitrationQueries.OutcomesSince arg = ContractJson.read(argument,
                            ArbitrationQueries.OutcomesSince.class, NAME + " query outcomes");
                    since = arg.sinceHeight() == null ? 0 : arg.sinceHeight();
                }
                List<Settlement> settlements = new ArrayList<>();
                for (Settlement settlement : state.history()) {
                    if (settlement.height() >= since) {
                        settlements.add(settlement);
                    }
                }
                yield ContractJson.write(new ArbitrationQueries.Outcomes(state.deviceId(), since, settlements,
                        state.settledCount(), ArbitrationState.HISTORY_LIMIT));
            }
            case "state" -> {
                noArgument(query, argument);
                yield ContractJson.write(state);
            }
            default -> throw new ContractRefusal("unknown-query", NAME + " has no query '" + query
                    + "'; queries: standing, outcomes, state");
        };
    }

    private static void noArgument(String query, byte[] argument) {
        if (argument != null && argument.length > 0) {
            throw new ContractRefusal("malformed-argument", "query " + query + " of contract " + NAME
                    + " takes no argument, got " + argument.length + " bytes");
        }
    }
}
