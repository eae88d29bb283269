package org.fogledger.agents.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.arbitration.ArbitrationQueries;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.arbitration.Settlement;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.authority.AuthorityContract;
import org.fogledger.ledger.contract.authority.ChainAnswer;
import org.fogledger.ledger.contract.authority.Delegation;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.wire.WireMessage;

/**
 * A ranked agent (root, region or site): holds its delegation as read from the ledger, decides actions on devices
 * within its jurisdiction and delegates to lower ranks, each as an {@code authority} transaction it signs and
 * submits, and records each submission and its receipt as events. {@link RootAgent}, {@link RegionAgent} and
 * {@link SiteAgent} run it as a cluster singleton or as sharded entities; the rules are {@link AgentRules}.
 *
 * <p>An event is persisted before its transaction leaves, so a nonce is never reused after a crash; a decision
 * whose node died before the receipt came back stays "awaiting receipt" here (the ledger has the receipt).
 */
public final class RankedAgent extends EventSourcedBehavior<RankedAgent.Command, RankedAgent.Event,
        RankedAgent.State> {
    /** Decisions kept in the state for status queries; the ledger keeps all. */
    public static final int RECENT_DECISIONS = 32;
    static final String AUTHORITY = AuthorityContract.ADDRESS.toString();
    static final String ARBITRATION = "arbitration/";
    /** How many times the settlement of a committed decision is read before the agent answers without it. */
    static final int SETTLEMENT_READS = 20;
    static final java.time.Duration SETTLEMENT_RETRY = java.time.Duration.ofMillis(250);
    /**
     * How often an agent with open decisions re-reads their outcomes: the bound on how late it learns that a
     * pending vote was carried (a query per device with open decisions; nothing when none is open).
     */
    static final java.time.Duration PENDING_FOLLOW_INTERVAL = java.time.Duration.ofSeconds(5);

    // ------------------------------------------------------------------------------------------------- protocol

    /** What an agent is asked; every command crosses the wire (sharding may run the agent on another node). */
    public sealed interface Command extends WireMessage
            permits Decide, DelegateTo, RefreshDelegation, GetStatus, LedgerAnswered, DelegationAnswered,
            RefreshOutcomes, ReadSettlement, SettlementAnswered, OutcomesAnswered, FollowPending {
    }

    /** Decide {@code action} (a {@link DecisionAction} wire name) about a device at {@code devicePath}. */
    public record Decide(String deviceId, String devicePath, String action, String note, ActorRef<Reply> replyTo)
            implements Command {
        DecisionRequest request() {
            return new DecisionRequest(deviceId, devicePath, action, note);
        }
    }

    /** Delegate rank {@code rank} (wire name) over {@code jurisdiction} to the agent holding key {@code child}. */
    public record DelegateTo(PublicKey child, String rank, String jurisdiction, ActorRef<Reply> replyTo)
            implements Command {
    }

    /** Read the agent's delegation from the ledger again; answers with the status after. */
    public record RefreshDelegation(ActorRef<AgentStatus> replyTo) implements Command {
    }

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {
    }

    /** Internal: the ledger's answer to a submitted transaction (or why there was none). */
    public record LedgerAnswered(long nonce, String kind, String txHash, SubmitResult result, String failure,
                                 ActorRef<Reply> replyTo) implements Command {
    }

    /** Internal: the ledger's answer to the {@code authority} query (or why there was none). */
    public record DelegationAnswered(ContractHost.QueryResult result, String failure,
                                     ActorRef<AgentStatus> replyTo) implements Command {
    }

    /**
     * Read again what the arbitration of {@code deviceId} made of this agent's decisions still open there (pending
     * quorum votes); answers with the status after. The agent also sends it itself every
     * {@link #PENDING_FOLLOW_INTERVAL} while a decision is open, so a carried vote is recorded without being asked.
     */
    public record RefreshOutcomes(String deviceId, ActorRef<AgentStatus> replyTo) implements Command {
    }

    /** The agent's own timer: re-read the outcomes of every device on which one of its decisions is still open. */
    public enum FollowPending implements Command {
        INSTANCE
    }

    /** Internal: read the settlement of the committed decision of {@code outcome} (try {@code attempt}). */
    public record ReadSettlement(LedgerOutcome outcome, int attempt, ActorRef<Reply> replyTo) implements Command {
    }

    /** Internal: the arbitration's {@code outcomes} read for decision {@code nonce}, try {@code attempt}. */
    public record SettlementAnswered(long nonce, LedgerOutcome outcome, ContractHost.QueryResult result,
                                     String failure, int attempt, ActorRef<Reply> replyTo) implements Command {
    }

    /** Internal: the arbitration's {@code outcomes} re-read for the open decisions on {@code deviceId}. */
    public record OutcomesAnswered(String deviceId, ContractHost.QueryResult result, String failure,
                                   ActorRef<AgentStatus> replyTo) implements Command {
    }

    /** The answer to {@link Decide} and {@link DelegateTo}. */
    public sealed interface Reply extends WireMessage permits Refused, Settled {
    }

    /** Refused locally: nothing was signed. */
    public record Refused(String code, String message) implements Reply {
    }

    /**
     * Signed, submitted, and this is what the ledger answered; for a committed decision, what the device's
     * arbitration made of it ({@code settlement}, null for a delegation or when it could not be read).
     */
    public record Settled(LedgerOutcome outcome, DecisionSettlement settlement) implements Reply {
        public Settled(LedgerOutcome outcome) {
            this(outcome, null);
        }
    }

    // --------------------------------------------------------------------------------------------------- events

    public sealed interface Event extends AgentPersisted
            permits DelegationRead, DecisionSubmitted, DelegationSubmitted, TransactionSettled, DecisionArbitrated {
        String describe();
    }

    public record DelegationRead(DelegationStatus status) implements Event {
        @Override
        public String describe() {
            return "delegation read: " + status.describe();
        }
    }

    public record DecisionSubmitted(long nonce, String deviceId, String devicePath, String action, String note,
                                    String txHash) implements Event {
        @Override
        public String describe() {
            return "decision #" + nonce + " submitted: " + action + " " + deviceId;
        }
    }

    public record DelegationSubmitted(long nonce, String childKey, String rank, String jurisdiction, String txHash)
            implements Event {
        @Override
        public String describe() {
            return "delegation #" + nonce + " submitted: " + rank + " over " + jurisdiction;
        }
    }

    public record TransactionSettled(LedgerOutcome outcome) implements Event {
        @Override
        public String describe() {
            return "settled: " + outcome.describe();
        }
    }

    /** What the device's arbitration made of decision {@code nonce}, read from its {@code outcomes}. */
    public record DecisionArbitrated(long nonce, String deviceId, DecisionSettlement settlement) implements Event {
        @Override
        public String describe() {
            return "decision #" + nonce + " on " + deviceId + " arbitrated: " + settlement.describe();
        }
    }

    // ---------------------------------------------------------------------------------------------------- state

    /**
     * @param lastOutcome the last transaction answered, null before
     * @param lastEvent   the last event, described; empty before the first
     */
    public record State(DelegationStatus delegation, long nextNonce, int decisionsMade, int delegationsMade,
                        List<DecisionRecord> recentDecisions, LedgerOutcome lastOutcome, String lastEvent)
            implements AgentPersisted {
        public static final State INITIAL = new State(DelegationStatus.UNCONFIRMED, 0, 0, 0, List.of(), null, "");

        public State {
            recentDecisions = List.copyOf(recentDecisions);
            lastEvent = lastEvent == null ? "" : lastEvent;
        }

        State apply(Event event) {
            String described = event.describe();
            if (event instanceof DelegationRead read) {
                return new State(read.status(), nextNonce, decisionsMade, delegationsMade, recentDecisions,
                        lastOutcome, described);
            }
            if (event instanceof DecisionSubmitted submitted) {
                List<DecisionRecord> recent = new ArrayList<>(recentDecisions);
                recent.add(new DecisionRecord(submitted.nonce(), submitted.deviceId(), submitted.devicePath(),
                        submitted.action(), submitted.note(), submitted.txHash(), null, null));
                while (recent.size() > RECENT_DECISIONS) {
                    recent.remove(0);
                }
                return new State(delegation, submitted.nonce() + 1, decisionsMade + 1, delegationsMade, recent,
                        lastOutcome, described);
            }
            if (event instanceof DelegationSubmitted submitted) {
                return new State(delegation, submitted.nonce() + 1, decisionsMade, delegationsMade + 1,
                        recentDecisions, lastOutcome, described);
            }
            if (event instanceof DecisionArbitrated arbitrated) {
                List<DecisionRecord> recent = new ArrayList<>(recentDecisions.size());
                for (DecisionRecord decision : recentDecisions) {
                    recent.add(decision.nonce() == arbitrated.nonce() ? decision.arbitrated(arbitrated.settlement())
                            : decision);
                }
                return new State(delegation, nextNonce, decisionsMade, delegationsMade, recent, lastOutcome,
                        described);
            }
            TransactionSettled settled = (TransactionSettled) event;
            List<DecisionRecord> recent = new ArrayList<>(recentDecisions.size());
            for (DecisionRecord decision : recentDecisions) {
                recent.add(decision.nonce() == settled.outcome().nonce() ? decision.settled(settled.outcome())
                        : decision);
            }
            return new State(delegation, nextNonce, decisionsMade, delegationsMade, recent, settled.outcome(),
                    described);
        }
    }

    // ---------------------------------------------------------------------------------------------------- shell

    private final ActorContext<Command> context;
    private final AgentIdentity identity;
    private final AgentLedger ledger;
    private final AgentRules rules;
    /** Transactions submitted by this incarnation and not answered yet; not persisted (a new one waits on none). */
    private int inFlight;

    private RankedAgent(ActorContext<Command> context, PersistenceId persistenceId, AgentIdentity identity,
                        AgentLedger ledger, AgentRules rules) {
        super(persistenceId);
        this.context = context;
        this.identity = identity;
        this.ledger = ledger;
        this.rules = rules;
    }

    public static Behavior<Command> create(PersistenceId persistenceId, AgentIdentity identity, AgentLedger ledger) {
        return create(persistenceId, identity, ledger, AgentRules.standard());
    }

    static Behavior<Command> create(PersistenceId persistenceId, AgentIdentity identity, AgentLedger ledger,
                                    AgentRules rules) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(FollowPending.INSTANCE, PENDING_FOLLOW_INTERVAL);
            return new RankedAgent(context, persistenceId, identity, ledger, rules);
        }));
    }

    /**
     * What an entity id names no agent of the node's directory answers: a refusal to every command, a status that
     * says so. It persists nothing, so no journal fills up with ids that were mistyped.
     */
    public static Behavior<Command> unknown(String id) {
        String message = "no agent '" + id + "' in this node's directory (fogledger.agents.identities)";
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Decide.class, c -> reply(c.replyTo(), new Refused("unknown-agent", message)))
                .onMessage(DelegateTo.class, c -> reply(c.replyTo(), new Refused("unknown-agent", message)))
                .onMessage(GetStatus.class, c -> reply(c.replyTo(), unknownStatus(id, context, message)))
                .onMessage(RefreshDelegation.class, c -> reply(c.replyTo(), unknownStatus(id, context, message)))
                .onAnyMessage(c -> Behaviors.same())
                .build());
    }

    private static <T> Behavior<Command> reply(ActorRef<T> to, T answer) {
        to.tell(answer);
        return Behaviors.same();
    }

    private static AgentStatus unknownStatus(String id, ActorContext<Command> context, String message) {
        return new AgentStatus(id, "", "", "", context.getSystem().address().toString(), false, message, 0, 0, 0,
                "", "", List.of());
    }

    @Override
    public State emptyState() {
        return State.INITIAL;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    if (!state.delegation().confirmed()) {
                        // A fresh agent learns its authority at once; one that recovered keeps what it read.
                        context.getSelf().tell(new RefreshDelegation(context.getSystem().ignoreRef()));
                    }
                })
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Decide.class, this::onDecide)
                .onCommand(DelegateTo.class, this::onDelegate)
                .onCommand(LedgerAnswered.class, this::onLedgerAnswered)
                .onCommand(RefreshDelegation.class, this::onRefresh)
                .onCommand(DelegationAnswered.class, this::onDelegationAnswered)
                .onCommand(ReadSettlement.class, (state, command) -> {
                    readSettlement(state, command.outcome(), command.attempt(), command.replyTo());
                    return Effect().none();
                })
                .onCommand(SettlementAnswered.class, this::onSettlementAnswered)
                .onCommand(RefreshOutcomes.class, this::onRefreshOutcomes)
                .onCommand(OutcomesAnswered.class, this::onOutcomesAnswered)
                .onCommand(FollowPending.class, (state, command) -> {
                    state.recentDecisions().stream().filter(DecisionRecord::awaitingArbitration)
                            .map(DecisionRecord::deviceId).distinct().forEach(deviceId -> context.getSelf()
                                    .tell(new RefreshOutcomes(deviceId, context.getSystem().ignoreRef())));
                    return Effect().none();
                })
                .onCommand(GetStatus.class, (state, command) -> Effect().none()
                        .thenReply(command.replyTo(), this::status))
                .build();
    }

    private Effect<Event, State> onDecide(State state, Decide command) {
        AgentRules.Subject subject = new AgentRules.Subject(identity, state.delegation(), inFlight);
        Optional<Refusal> refusal = rules.checkDecision(subject, command.request());
        if (refusal.isPresent()) {
            return Effect().reply(command.replyTo(), new Refused(refusal.get().code(), refusal.get().message()));
        }
        long nonce = state.nextNonce();
        byte[] payload = ContractJson.write(new AuthorityCommand.Decide(command.deviceId(),
                DecisionAction.fromWireName(command.action()), command.note()));
        Transaction tx = Transaction.sign(identity.key(), ledger.chainId(), nonce, AUTHORITY, "decide", payload);
        String txHash = tx.hash().hex();
        return Effect().persist(new DecisionSubmitted(nonce, command.deviceId(), command.devicePath(),
                        command.action(), command.note(), txHash))
                .thenRun(after -> submit(tx, nonce, "decide", txHash, command.replyTo()));
    }

    private Effect<Event, State> onDelegate(State state, DelegateTo command) {
        AgentRules.Subject subject = new AgentRules.Subject(identity, state.delegation(), inFlight);
        Optional<Refusal> refusal = rules.checkDelegation(subject, command.child(), command.rank(),
                command.jurisdiction());
        if (refusal.isPresent()) {
            return Effect().reply(command.replyTo(), new Refused(refusal.get().code(), refusal.get().message()));
        }
        long nonce = state.nextNonce();
        byte[] payload = ContractJson.write(new AuthorityCommand.Delegate(command.child(),
                org.fogledger.ledger.contract.authority.Rank.fromWireName(command.rank()), command.jurisdiction(),
                null));
        Transaction tx = Transaction.sign(identity.key(), ledger.chainId(), nonce, AUTHORITY, "delegate", payload);
        String txHash = tx.hash().hex();
        return Effect().persist(new DelegationSubmitted(nonce, ContractJson.hex(command.child()), command.rank(),
                        command.jurisdiction(), txHash))
                .thenRun(after -> submit(tx, nonce, "delegate", txHash, command.replyTo()));
    }

    private void submit(Transaction tx, long nonce, String kind, String txHash, ActorRef<Reply> replyTo) {
        inFlight++;
        context.pipeToSelf(ledger.submit(tx), (result, failure) -> new LedgerAnswered(nonce, kind, txHash, result,
                failure == null ? null : describe(failure), replyTo));
    }

    private Effect<Event, State> onLedgerAnswered(State state, LedgerAnswered answer) {
        inFlight = Math.max(0, inFlight - 1);
        LedgerOutcome outcome = answer.result() != null
                ? LedgerOutcome.of(answer.nonce(), answer.kind(), answer.txHash(), answer.result())
                : LedgerOutcome.noAnswer(answer.nonce(), answer.kind(), answer.txHash(), answer.failure());
        if ("decide".equals(answer.kind()) && "committed".equals(outcome.outcome())) {
            // The settlement ran in the same block: read it before answering, so the answer says who won.
            return Effect().persist(new TransactionSettled(outcome))
                    .thenRun(after -> readSettlement(after, outcome, 0, answer.replyTo()));
        }
        return Effect().persist(new TransactionSettled(outcome))
                .thenReply(answer.replyTo(), after -> new Settled(outcome));
    }

    private void readSettlement(State state, LedgerOutcome outcome, int attempt, ActorRef<Reply> replyTo) {
        Optional<DecisionRecord> decision = decision(state, outcome.nonce());
        if (decision.isEmpty()) {
            replyTo.tell(new Settled(outcome));
            return;
        }
        context.pipeToSelf(ledger.query(ARBITRATION + decision.get().deviceId(), "outcomes",
                        outcomesSince(outcome.height())),
                (result, failure) -> new SettlementAnswered(outcome.nonce(), outcome, result,
                        failure == null ? null : describe(failure), attempt, replyTo));
    }

    private Effect<Event, State> onSettlementAnswered(State state, SettlementAnswered answer) {
        LedgerOutcome outcome = answer.outcome();
        Optional<DecisionRecord> decision = decision(state, answer.nonce());
        Optional<Settlement> own = decision.flatMap(record -> outcomes(answer.result(), answer.failure(),
                record.deviceId())).flatMap(outcomes -> OwnSettlements.of(outcomes,
                identity.key().publicKey(), outcome.height(), outcome.index()));
        if (own.isPresent()) {
            DecisionSettlement read = DecisionSettlement.of(own.get());
            return Effect().persist(new DecisionArbitrated(answer.nonce(), decision.get().deviceId(), read))
                    .thenReply(answer.replyTo(), after -> new Settled(outcome, read));
        }
        if (decision.isPresent() && answer.attempt() + 1 < SETTLEMENT_READS) {
            // The validator asked may not have executed the block yet: ask again shortly (one may be picked).
            context.scheduleOnce(SETTLEMENT_RETRY, context.getSelf(), new ReadSettlement(outcome,
                    answer.attempt() + 1, answer.replyTo()));
            return Effect().none();
        }
        context.getLog().warn("agent {}: no settlement read for decision #{} ({})", identity.id(), answer.nonce(),
                answer.failure());
        return Effect().reply(answer.replyTo(), new Settled(outcome));
    }

    private Effect<Event, State> onRefreshOutcomes(State state, RefreshOutcomes command) {
        long since = state.recentDecisions().stream()
                .filter(d -> d.deviceId().equals(command.deviceId()) && d.awaitingArbitration())
                .mapToLong(d -> d.outcome().height()).min().orElse(-1);
        if (since < 0) {
            return Effect().reply(command.replyTo(), status(state));
        }
        context.pipeToSelf(ledger.query(ARBITRATION + command.deviceId(), "outcomes", outcomesSince(since)),
                (result, failure) -> new OutcomesAnswered(command.deviceId(), result,
                        failure == null ? null : describe(failure), command.replyTo()));
        return Effect().none();
    }

    private Effect<Event, State> onOutcomesAnswered(State state, OutcomesAnswered answer) {
        Optional<List<Settlement>> outcomes = outcomes(answer.result(), answer.failure(), answer.deviceId());
        List<Event> events = new ArrayList<>();
        for (DecisionRecord decision : state.recentDecisions()) {
            if (outcomes.isEmpty() || !decision.deviceId().equals(answer.deviceId())
                    || !decision.awaitingArbitration()) {
                continue;
            }
            long height = decision.outcome().height();
            int index = decision.outcome().index();
            Optional<DecisionSettlement> read = decision.settlement() == null
                    ? OwnSettlements.of(outcomes.get(), identity.key().publicKey(), height, index)
                            .map(DecisionSettlement::of)
                    : OwnSettlements.followUp(outcomes.get(), identity.key().publicKey(),
                            DecisionAction.fromWireName(decision.action()), height, index, decision.settlement());
            read.filter(settlement -> !settlement.equals(decision.settlement())).ifPresent(settlement ->
                    events.add(new DecisionArbitrated(decision.nonce(), decision.deviceId(), settlement)));
        }
        return Effect().persist(events).thenReply(answer.replyTo(), this::status);
    }

    /** The settlements of an {@code outcomes} answer, or empty (logged) when there is none to read. */
    private Optional<List<Settlement>> outcomes(ContractHost.QueryResult result, String failure, String deviceId) {
        if (result == null || !result.ok()) {
            context.getLog().debug("agent {}: outcomes of arbitration/{} not read: {}", identity.id(), deviceId,
                    result == null ? failure : result.code() + " " + result.text());
            return Optional.empty();
        }
        try {
            return Optional.of(ContractJson.read(result.json(), ArbitrationQueries.Outcomes.class,
                    "arbitration outcomes answer").settlements());
        } catch (ContractRefusal e) {
            context.getLog().warn("agent {}: unreadable outcomes of arbitration/{}: {}", identity.id(), deviceId,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] outcomesSince(long height) {
        return ContractJson.write(new ArbitrationQueries.OutcomesSince(height));
    }

    private static Optional<DecisionRecord> decision(State state, long nonce) {
        return state.recentDecisions().stream().filter(d -> d.nonce() == nonce).findFirst();
    }

    private Effect<Event, State> onRefresh(State state, RefreshDelegation command) {
        byte[] argument = ContractJson.write(new AuthorityCommand.AuthorityOf(identity.key().publicKey(), null));
        context.pipeToSelf(ledger.query(AUTHORITY, "authority", argument), (result, failure) ->
                new DelegationAnswered(result, failure == null ? null : describe(failure), command.replyTo()));
        return Effect().none();
    }

    private Effect<Event, State> onDelegationAnswered(State state, DelegationAnswered answer) {
        ContractHost.QueryResult result = answer.result();
        if (result == null || !result.ok()) {
            // Nothing learned: keep what was read before (the ledger being unreachable revokes nothing).
            context.getLog().warn("agent {} could not read its delegation: {}", identity.id(), result == null
                    ? answer.failure() : result.code() + " " + result.text());
            return Effect().reply(answer.replyTo(), status(state));
        }
        DelegationStatus read;
        try {
            ChainAnswer chain = ContractJson.read(result.json(), ChainAnswer.class, "authority query answer");
            if (chain.valid()) {
                Delegation own = chain.link();
                read = DelegationStatus.valid(own.rank(), own.jurisdiction(), result.executedHeight());
            } else {
                read = DelegationStatus.none(chain.reason(), result.executedHeight());
            }
        } catch (ContractRefusal e) {
            context.getLog().warn("agent {}: unreadable authority answer: {}", identity.id(), e.getMessage());
            return Effect().reply(answer.replyTo(), status(state));
        }
        if (sameAuthority(read, state.delegation()) || read.readAtHeight() < state.delegation().readAtHeight()) {
            // Unchanged, or an answer from a validator behind the one read before: nothing to record.
            return Effect().reply(answer.replyTo(), status(state));
        }
        return Effect().persist(new DelegationRead(read)).thenReply(answer.replyTo(), this::status);
    }

    private static boolean sameAuthority(DelegationStatus a, DelegationStatus b) {
        return a.confirmed() == b.confirmed() && a.valid() == b.valid()
                && java.util.Objects.equals(a.rank(), b.rank())
                && java.util.Objects.equals(a.jurisdiction(), b.jurisdiction())
                && java.util.Objects.equals(a.reason(), b.reason());
    }

    private AgentStatus status(State state) {
        return new AgentStatus(identity.id(), identity.rank().wireName(), identity.jurisdiction(), identity.keyHex(),
                context.getSystem().address().toString(), state.delegation().confirmed() && state.delegation().valid(),
                state.delegation().describe(), state.nextNonce(), state.decisionsMade(), state.delegationsMade(),
                state.lastOutcome() == null ? "" : state.lastOutcome().describe(), state.lastEvent(),
                state.recentDecisions().stream().map(DecisionRecord::describe).toList());
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
