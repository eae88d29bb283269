package org.fogledger.ledger.execution;

import com.fasterxml.jackson.databind.JavaType;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractDeployer;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionReport;
import org.fogledger.ledger.contract.Executor;
import org.fogledger.ledger.contract.InstanceTransition;
import org.fogledger.ledger.contract.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One contract instance as a persistent actor: a thin shell that runs the contract's pure logic through
 * {@link Executor}, persists what it decided as one {@link InstanceExecuted} event, and answers the host. Its state
 * is rebuilt from a snapshot plus the events after it; its events are applied from their stored JSON form, so a
 * recovered instance is exactly what a running one was.
 */
public final class ContractInstance
        extends EventSourcedBehavior<ContractInstance.Command, InstanceExecuted, InstanceState> {

    /** What the host asks an instance. */
    public sealed interface Command {
    }

    /** Run {@code invocation} unless its (height, index) was already applied; answer with the report either way. */
    public record Execute(Invocation invocation, ActorRef<ExecutionReport> replyTo) implements Command {
    }

    /** A read-only question; answered from the current state. */
    /** Runs an invocation on the current state and answers its report; nothing is persisted (a dry run). */
    public record DryRun(Invocation invocation, ActorRef<ExecutionReport> replyTo) implements Command {
    }

    public record Query(String query, byte[] argument, ActorRef<QueryAnswer> replyTo) implements Command {
    }

    /** The answer to a {@link Query}: JSON, or the refusal's code and reason. */
    public record QueryAnswer(boolean ok, String code, byte[] json, long appliedHeight) {
    }

    /** For a {@link ContractDeployer}: the contracts its state defines. */
    public record ListDeployed(ActorRef<List<Contract<?, ?>>> replyTo) implements Command {
    }

    /** Stop (the host passivates idle instances). */
    public enum Stop implements Command {
        INSTANCE
    }

    private final Contract<?, ?> contract;
    private final ExecutionLimits limits;
    private final int snapshotEvery;
    private final JavaType eventListType;
    private final JavaType stateType;
    private static final Logger LOG = LoggerFactory.getLogger(ContractInstance.class);

    private ContractInstance(PersistenceId id, Contract<?, ?> contract,
                             ExecutionLimits limits, int snapshotEvery) {
        super(id);
        this.contract = contract;
        this.limits = limits;
        this.snapshotEvery = snapshotEvery;
        this.eventListType = ContractJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, contract.eventType());
        this.stateType = ContractJson.mapper().getTypeFactory().constructType(contract.stateType());
    }

    /**
     * @param hostId        keeps the instances of several hosts sharing one journal apart (tests); a validator's
     *                      journal is its own, so it passes its key id
     * @param snapshotEvery snapshot after this many executions, keeping two
     */
    public static Behavior<Command> create(String hostId, ContractAddress address, Contract<?, ?> contract,
                                           ExecutionLimits limits, int snapshotEvery) {
        Objects.requireNonNull(address, "address");
        // Not wrapped in Behaviors.setup: the persistence testkit drives an EventSourcedBehavior directly.
        return new ContractInstance(persistenceId(hostId, address), contract, limits, snapshotEvery);
    }

    public static PersistenceId persistenceId(String hostId, ContractAddress address) {
        return PersistenceId.of("contract-" + hostId, address.toString());
    }

    @Override
    public InstanceState emptyState() {
        String instance = persistenceId().id().substring(persistenceId().id().lastIndexOf('|') + 1);
        return InstanceState.initial(contract.initialState(ContractAddress.parse(instance).instance()));
    }

    @Override
    public CommandHandler<Command, InstanceExecuted, InstanceState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Execute.class, this::onExecute)
                .onCommand(Query.class, this::onQuery)
                .onCommand(DryRun.class, this::onDryRun)
                .onCommand(ListDeployed.class, this::onListDeployed)
                .onCommand(Stop.class, stop -> Effect().stop())
                .build();
    }

    private Effect<InstanceExecuted, InstanceState> onExecute(InstanceState state, Execute execute) {
        Invocation invocation = execute.invocation();
        long height = invocation.context().height();
        int index = invocation.context().index();
        if (state.hasApplied(height, index)) {
            ExecutionReport earlier = state.reportsAtLastHeight().get(index);
            if (height == state.lastHeight() && earlier != null) {
                execute.replyTo().tell(earlier);
                return Effect().none();
            }
            // The host only re-runs the block it had not checkpointed; anything older means its checkpoint and
            // this journal disagree, which must stop execution rather than be answered with a guess.
            throw new IllegalStateException(persistenceId().id() + " was asked to run (" + height + ", " + index
                    + ") but has applied up to (" + state.lastHeight() + ", " + state.lastIndex() + ")");
        }
        InstanceTransition<?> transition = Executor.run(contract, state.contractState(), invocation, limits);
        ExecutionReport report = transition.report();
        byte[] eventsJson = ContractJson.writeList(transition.events(), contract.eventType());
        return Effect().persist(new InstanceExecuted(height, index, eventsJson, report))
                .thenRun(after -> execute.replyTo().tell(report));
    }

    /**
     * Runs the invocation as {@code onExecute} would, on a copy of the state (read back from its JSON, so that no
     * contract's state object is shared with a run that is thrown away), and keeps nothing.
     */
    private Effect<InstanceExecuted, InstanceState> onDryRun(InstanceState state, DryRun dryRun) {
        Object copy = ContractJson.readTrusted(ContractJson.write(state.contractState()), stateType);
        dryRun.replyTo().tell(Executor.run(contract, copy, dryRun.invocation(), limits).report());
        return Effect().none();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Effect<InstanceExecuted, InstanceState> onListDeployed(InstanceState state, ListDeployed list) {
        List<Contract<?, ?>> deployed = contract instanceof ContractDeployer deployer
                ? List.copyOf(deployer.deployedContracts(state.contractState())) : List.of();
        list.replyTo().tell(deployed);
        return Effect().none();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Effect<InstanceExecuted, InstanceState> onQuery(InstanceState state, Query query) {
        QueryAnswer answer;
        try {
            byte[] json = ((Contract) contract).query(state.contractState(), query.query(), query.argument());
            answer = new QueryAnswer(true, "ok", json, state.lastHeight());
        } catch (ContractRefusal refusal) {
            answer = new QueryAnswer(false, refusal.code(), refusal.getMessage().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), state.lastHeight());
        } catch (RuntimeException bug) {
            LOG.warn("query {} on {} failed", query.query(), persistenceId().id(), bug);
            answer = new QueryAnswer(false, "query-error", String.valueOf(bug.getMessage()).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), state.lastHeight());
        }
        query.replyTo().tell(answer);
        return Effect().none();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EventHandler<InstanceState, InstanceExecuted> eventHandler() {
        return (state, event) -> {
            Object next = state.contractState();
            if (!event.report().result().ok()) {
                return state.after(next, event.height(), event.index(), event.report());
            }
            List<Object> events = ContractJson.readTrusted(event.eventsJson(), eventListType);
            Contract raw = contract;
            for (Object contractEvent : events) {
                next = raw.apply(next, contractEvent);
            }
            return state.after(next, event.height(), event.index(), event.report());
        };
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
    }

    @Override
    public SnapshotAdapter<InstanceState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(InstanceState state) {
                return new InstanceSnapshot(ContractJson.write(state.contractState()), state.lastHeight(),
                        state.lastIndex(), new java.util.TreeMap<>(state.reportsAtLastHeight()));
            }

            @Override
            public InstanceState fromJournal(Object from) {
                InstanceSnapshot snapshot = (InstanceSnapshot) from;
                Object contractState = ContractJson.readTrusted(snapshot.stateJson(), stateType);
                return new InstanceState(contractState, snapshot.lastHeight(), snapshot.lastIndex(),
                        snapshot.reportsAtLastHeight());
            }
        };
    }
}
