package org.fogledger.ledger.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.contract.BlockExecution;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.Contract;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.contract.ContractDeployer;
import org.fogledger.ledger.contract.Divergence;
import org.fogledger.ledger.contract.ExecutionLimits;
import org.fogledger.ledger.contract.ExecutionReport;
import org.fogledger.ledger.contract.Invocation;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.contract.ResultsClaims;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.wire.WireMessage;

/**
 * Executes committed blocks, in height order, through event-sourced {@link ContractInstance}s, one invocation at a
 * time in the order {@link BlockExecution} defines; checkpoints each finished block in {@link HostCheckpoint};
 * tells its listener the block's results; and compares the results claims in block headers with its own
 * ({@link ResultsClaims}), reporting every divergence. It decides nothing itself.
 *
 * <p>Blocks come from its source (the validator), pushed as they commit and pulled with {@link BlocksWanted} when
 * the host starts, so a host that restarts resumes after its checkpoint without the source having to know. Queries
 * and blocks that arrive while a block executes wait (stash), so a query reads the state after a whole block and
 * says which one.
 */
public final class ContractHost extends AbstractBehavior<ContractHost.Command> {

    public sealed interface Command {
    }

    /** A committed block to execute; blocks at or below the checkpoint are ignored, later ones wait their turn. */
    public record ExecuteBlock(Block block) implements Command {
    }

    /** Reads an instance's state after the last executed block. */
    public record QueryInstance(ContractAddress address, String query, byte[] argument,
                                ActorRef<QueryResult> replyTo) implements Command {
    }

    /** Crosses the wire when a remote client asks (see {@code ValidatorActor.QueryContract}). */
    public record QueryResult(boolean ok, String code, byte[] json, long executedHeight) implements WireMessage {
        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    public record GetStatus(ActorRef<HostStatus> replyTo) implements Command {
    }

    /**
     * What {@code tx} would do if committed in the next block, against the state after the last executed block;
     * nothing is kept (see {@link DryRunResult}). Waits, like a query, while a block executes.
     */
    public record DryRun(Transaction tx, long blockTimeMillis, ActorRef<DryRunResult> replyTo) implements Command {
    }

    /** One invocation of a dry run, run by its instance between blocks and not persisted. */
    record DryRunStep(Invocation invocation, ActorRef<ExecutionReport> replyTo) implements Command {
    }

    /**
     * The results of blocks {@code fromHeight..toHeight} still held (the last {@link #RETAINED_RESULTS} executed
     * blocks): what an audit proof needs to link an execution record to a later header's results claim.
     */
    public record GetBlockResults(long fromHeight, long toHeight, ActorRef<List<BlockResults>> replyTo)
            implements Command {
    }

    public record HostStatus(ExecutedResults executed, int liveInstances, long claimsChecked, long claimsUnchecked,
                             List<Divergence> divergences) {
    }

    /** Sent to the block source: send me committed blocks from {@code fromHeight} on. */
    public record BlocksWanted(long fromHeight, ActorRef<Command> host) {
    }

    /** Sent to the listener after each block ({@code blockHash} is the executed block's id). */
    public record BlockExecuted(BlockResults results, List<Divergence> divergences, Hash blockHash) {
    }

    private record CheckpointLoaded(ExecutedResults executed) implements Command {
    }

    private record Reported(ExecutionReport report) implements Command {
    }

    private record Checkpointed(ExecutedResults executed) implements Command {
    }

    /** The results sink kept the finished block's results (or failed to). */
    private record ResultsKept(Throwable failure) implements Command {
    }

    /**
     * Where the results of each executed block are kept durably before the block is checkpointed: once checkpointed
     * a block is never executed again, so results written after the checkpoint could be lost to a crash for good.
     * Writing the same results twice must be harmless (a host restarted between the two executes the block again).
     */
    @FunctionalInterface
    public interface ResultsSink {
        java.util.concurrent.CompletionStage<?> keep(BlockResults results);
    }

    private record DeployedListed(List<Contract<?, ?>> contracts) implements Command {
    }

    private record InstanceStopped(ContractAddress address, long generation) implements Command {
    }

    private enum PassivateIdle implements Command {
        INSTANCE
    }

    /** Start the next waiting block, after the queries that waited for the last one were answered. */
    private enum Resume implements Command {
        INSTANCE
    }

    /**
     * How a host runs: its identity in the journal, limits (from genesis), snapshot cadence, passivation.
     *
     * @param idleTimeout      an instance unused this long is stopped (its state stays in its journal)
     * @param maxLiveInstances at most this many instances stay in memory: beyond it the least recently used are
     *                         stopped between blocks, so that reads of many addresses (a gateway asking about every
     *                         device that knocks) cannot fill the heap before they go idle
     */
    public record Settings(String hostId, ExecutedResults genesisResults, ExecutionLimits limits,
                           int snapshotEvery, Duration idleTimeout, int maxDivergencesKept, int maxLiveInstances) {
        public Settings {
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(genesisResults, "genesisResults");
            Objects.requireNonNull(limits, "limits");
            if (maxLiveInstances < 1) {
                throw new IllegalArgumentException("maxLiveInstances must be at least 1, got " + maxLiveInstances);
            }
        }

        /** Instances in memory at most, by default: a few hundred megabytes at worst. */
        public static final int DEFAULT_MAX_LIVE_INSTANCES = 10_000;

        public static Settings defaults(String hostId, String chainId) {
            return new Settings(hostId, Block.genesis(chainId).header().executed(), ExecutionLimits.DEFAULT, 100,
                    Duration.ofSeconds(30), 256, DEFAULT_MAX_LIVE_INSTANCES);
        }
    }

    private record Live(ActorRef<ContractInstance.Command> ref, long generation) {
    }

    /** Executed blocks whose results stay in memory for audit proofs. */
    public static final int RETAINED_RESULTS = 1_024;

    private final Settings settings;
    private final StashBuffer<Command> stash;
    private final ActorRef<BlocksWanted> source;
    private final ActorRef<BlockExecuted> listener;
    private final ResultsSink sink;
    private final ActorRef<ExecutionReport> reportAdapter;
    private final ActorRef<HostCheckpoint.Recorded> checkpointAdapter;
    private final ActorRef<HostCheckpoint.Command> checkpoint;
    private final Map<ContractAddress, Live> live = new HashMap<>();
    private final Map<ContractAddress, Long> lastUsed = new HashMap<>();
    /** The passivation timer fired during a block: passivate once the block is done. */
    private boolean passivationDue;
    private final TreeMap<Long, Block> waitingBlocks = new TreeMap<>();
    private final List<Divergence> divergences = new ArrayList<>();
    private final TreeMap<Long, BlockResults> recentResults = new TreeMap<>();
    private ContractCatalog catalog;
    private ExecutedResults executed;
    private ResultsClaims claims;
    private long generations;
    private int pendingListings;
    private long requestedFrom = -1;

    // The block in progress, if any.
    private BlockExecution execution;
    private Hash executingBlock;
    private Invocation running;
    private List<Divergence> found = new ArrayList<>();

    private ContractHost(ActorContext<Command> context, StashBuffer<Command> stash, TimerScheduler<Command> timers,
                         Settings settings, ContractCatalog catalog, ActorRef<BlocksWanted> source,
                         ActorRef<BlockExecuted> listener, ResultsSink sink) {
        super(context);
        this.stash = stash;
        this.sink = sink;
        this.settings = settings;
        this.catalog = catalog;
        this.source = source;
        this.listener = listener;
        this.reportAdapter = context.messageAdapter(ExecutionReport.class, Reported::new);
        this.checkpointAdapter = context.messageAdapter(HostCheckpoint.Recorded.class,
                recorded -> new Checkpointed(recorded.results()));
        this.checkpoint = context.spawn(HostCheckpoint.create(settings.hostId(), settings.genesisResults()),
                "checkpoint");
        checkpoint.tell(new HostCheckpoint.Get(context.messageAdapter(ExecutedResults.class, CheckpointLoaded::new)));
        timers.startTimerWithFixedDelay(PassivateIdle.INSTANCE, settings.idleTimeout().dividedBy(2).plusMillis(1));
    }

    /**
     * @param source   where missing committed blocks are asked for (may be null in tests that push blocks)
     * @param listener told about each executed block (may be null)
     */
    public static Behavior<Command> create(Settings settings, ContractCatalog catalog, ActorRef<BlocksWanted> source,
                                           ActorRef<BlockExecuted> listener) {
        return create(settings, catalog, source, listener, null);
    }

    /** @param sink keeps each block's results before the block is checkpointed (null: results are not kept) */
    public static Behavior<Command> create(Settings settings, ContractCatalog catalog, ActorRef<BlocksWanted> source,
                                           ActorRef<BlockExecuted> listener, ResultsSink sink) {
        return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new ContractHost(context, stash, timers, settings, catalog, source, listener, sink))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CheckpointLoaded.class, this::onCheckpointLoaded)
                .onMessage(ExecuteBlock.class, this::onBlock)
                .onMessage(QueryInstance.class, this::onQuery)
                .onMessage(DryRun.class, this::onDryRun)
                .onMessage(DryRunStep.class, this::onDryRunStep)
                .onMessage(GetStatus.class, this::onStatus)
                .onMessage(GetBlockResults.class, get -> {
                    get.replyTo().tell(List.copyOf(recentResults.subMap(get.fromHeight(), true, get.toHeight(), true)
                            .values()));
                    return this;
                })
                .onMessage(Reported.class, this::onReported)
                .onMessage(DeployedListed.class, this::onDeployedListed)
                .onMessage(Checkpointed.class, this::onCheckpointed)
                .onMessage(ResultsKept.class, this::onResultsKept)
                .onMessage(InstanceStopped.class, this::onInstanceStopped)
                .onMessageEquals(PassivateIdle.INSTANCE, this::passivateIdle)
                .onMessageEquals(Resume.INSTANCE, () -> busy() ? this : startNextBlock())
                .build();
    }

    private boolean starting() {
        return executed == null;
    }

    private boolean busy() {
        return starting() || execution != null || pendingListings > 0;
    }

    private Behavior<Command> onCheckpointLoaded(CheckpointLoaded loaded) {
        executed = loaded.executed();
        claims = new ResultsClaims(4_096, executed);
        getContext().getLog().debug("contract host {} resumes after block {}", settings.hostId(), executed.height());
        if (source != null) {
            source.tell(new BlocksWanted(executed.height() + 1, getContext().getSelf()));
        }
        // Contracts deployed before the restart: ask each deployer's default instance before running anything.
        for (String name : new ArrayList<>(catalog.names())) {
            Contract<?, ?> contract = catalog.find(name).orElseThrow();
            if (contract instanceof ContractDeployer<?, ?>) {
                listDeployed(ContractAddress.of(name, ContractAddress.DEFAULT_INSTANCE));
            }
        }
        return pendingListings > 0 ? this : stash.unstashAll(this);
    }

    private Behavior<Command> onBlock(ExecuteBlock message) {
        Block block = message.block();
        if (busy()) {
            // Keep at most one copy per height, in order, whatever the arrival order.
            if (!starting() && block.height() > executed.height()) {
                waitingBlocks.putIfAbsent(block.height(), block);
            } else if (starting()) {
                stash.stash(message);
            }
            return this;
        }
        if (block.height() <= executed.height()) {
            return this;
        }
        waitingBlocks.putIfAbsent(block.height(), block);
        return startNextBlock();
    }

    private Behavior<Command> startNextBlock() {
        Map.Entry<Long, Block> next = waitingBlocks.firstEntry();
        if (next == null || next.getKey() != executed.height() + 1) {
            if (next != null && source != null && requestedFrom != executed.height() + 1) {
                requestedFrom = executed.height() + 1;
                source.tell(new BlocksWanted(requestedFrom, getContext().getSelf()));
            }
            return stash.unstashAll(this);
        }
        waitingBlocks.remove(next.getKey());
        Block block = next.getValue();
        found = new ArrayList<>(claims.onClaim(block.header().executed(), block.header().proposer(),
                block.height()));
        executingBlock = block.hash();
        execution = new BlockExecution(block.height(), block.header().timestampMillis(), block.transactions(),
                executed.resultsHash(), name -> catalog.contains(name), settings.limits());
        return runNext();
    }

    private Behavior<Command> runNext() {
        Invocation invocation = execution.next();
        if (invocation == null) {
            BlockResults results = execution.results();
            if (sink == null) {
                return recordCheckpoint(results);
            }
            java.util.concurrent.CompletionStage<?> kept;
            try {
                kept = sink.keep(results);
            } catch (RuntimeException e) {
                kept = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            getContext().pipeToSelf(kept, (done, failure) -> new ResultsKept(failure));
            return this;
        }
        running = invocation;
        instance(invocation.address()).tell(new ContractInstance.Execute(invocation, reportAdapter));
        return this;
    }

    private Behavior<Command> onReported(Reported reported) {
        if (running == null) {
            throw new IllegalStateException("a report arrived with no execution running");
        }
        ContractAddress address = running.address();
        running = null;
        execution.complete(reported.report());
        Contract<?, ?> contract = catalog.find(address.contract()).orElseThrow();
        if (contract instanceof ContractDeployer<?, ?> && reported.report().result().ok()) {
            listDeployed(address);
            return this;
        }
        return runNext();
    }

    private void listDeployed(ContractAddress deployer) {
        pendingListings++;
        ActorRef<List<Contract<?, ?>>> adapter = getContext().messageAdapter(listClass(), DeployedListed::new);
        instance(deployer).tell(new ContractInstance.ListDeployed(adapter));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<List<Contract<?, ?>>> listClass() {
        return (Class) List.class;
    }

    private Behavior<Command> onDeployedListed(DeployedListed listed) {
        pendingListings--;
        for (Contract<?, ?> contract : listed.contracts()) {
            if (!catalog.contains(contract.name())) {
                catalog = catalog.withContract(contract);
                getContext().getLog().info("contract '{}' deployed", contract.name());
            }
        }
        if (pendingListings > 0) {
            return this;
        }
        if (execution != null) {
            return runNext();
        }
        getContext().getSelf().tell(Resume.INSTANCE);
        return stash.unstashAll(this);
    }

    private Behavior<Command> recordCheckpoint(BlockResults results) {
        checkpoint.tell(new HostCheckpoint.Record(new ExecutedResults(results.height(), results.resultsHash()),
                checkpointAdapter));
        return this;
    }

    private Behavior<Command> onResultsKept(ResultsKept kept) {
        if (kept.failure() != null) {
            // Not checkpointed: the supervisor restarts the host from its checkpoint, which executes the block again.
            throw new IllegalStateException("contract host " + settings.hostId() + " could not keep the results of"
                    + " block " + execution.results().height() + ": " + kept.failure(), kept.failure());
        }
        return recordCheckpoint(execution.results());
    }

    private Behavior<Command> onCheckpointed(Checkpointed done) {
        BlockResults results = execution.results();
        execution = null;
        executed = done.executed();
        recentResults.put(results.height(), results);
        while (recentResults.size() > RETAINED_RESULTS) {
            recentResults.pollFirstEntry();
        }
        found.addAll(claims.onExecuted(executed));
        for (Divergence divergence : found) {
            getContext().getLog().error("contract host {}: {}", settings.hostId(), divergence);
            divergences.add(divergence);
            if (divergences.size() > settings.maxDivergencesKept()) {
                divergences.remove(0);
            }
        }
        if (listener != null) {
            listener.tell(new BlockExecuted(results, List.copyOf(found), executingBlock));
        }
        found = new ArrayList<>();
        if (passivationDue || live.size() > settings.maxLiveInstances()) {
            passivate();
        }
        getContext().getSelf().tell(Resume.INSTANCE);
        return stash.unstashAll(this);
    }

    private Behavior<Command> onQuery(QueryInstance query) {
        if (busy()) {
            stash.stash(query);
            return this;
        }
        if (!catalog.contains(query.address().contract())) {
            query.replyTo().tell(new QueryResult(false, "unknown-contract", ("no contract named '"
                    + query.address().contract() + "' is deployed").getBytes(StandardCharsets.UTF_8),
                    executed.height()));
            return this;
        }
        long height = executed.height();
        ActorRef<ContractInstance.QueryAnswer> reply = getContext().spawnAnonymous(Behaviors.receive(
                ContractInstance.QueryAnswer.class).onAnyMessage(answer -> {
                    query.replyTo().tell(new QueryResult(answer.ok(), answer.code(), answer.json(), height));
                    return Behaviors.stopped();
                }).build());
        instance(query.address()).tell(new ContractInstance.Query(query.query(), query.argument(), reply));
        if (live.size() > settings.maxLiveInstances()) {
            stopLeastRecentlyUsed();
        }
        return this;
    }

    private Behavior<Command> onDryRun(DryRun dryRun) {
        if (busy()) {
            stash.stash(dryRun);
            return this;
        }
        long height = executed.height();
        BlockExecution oneTransaction = new BlockExecution(height + 1, dryRun.blockTimeMillis(),
                List.of(dryRun.tx()), executed.resultsHash(), name -> catalog.contains(name), settings.limits());
        getContext().spawnAnonymous(DryRunner.create(oneTransaction, height, getContext().getSelf(),
                dryRun.replyTo()));
        return this;
    }

    private Behavior<Command> onDryRunStep(DryRunStep step) {
        if (busy()) {
            stash.stash(step);
            return this;
        }
        instance(step.invocation().address()).tell(new ContractInstance.DryRun(step.invocation(), step.replyTo()));
        if (live.size() > settings.maxLiveInstances()) {
            stopLeastRecentlyUsed();
        }
        return this;
    }

    private Behavior<Command> onStatus(GetStatus get) {
        get.replyTo().tell(new HostStatus(executed, live.size(), claims == null ? 0 : claims.checked(),
                claims == null ? 0 : claims.unchecked(), List.copyOf(divergences)));
        return this;
    }

    private ActorRef<ContractInstance.Command> instance(ContractAddress address) {
        lastUsed.put(address, System.nanoTime());
        Live existing = live.get(address);
        if (existing != null) {
            return existing.ref();
        }
        Contract<?, ?> contract = catalog.find(address.contract()).orElseThrow();
        long generation = ++generations;
        // A fresh name per incarnation: a passivated instance may still be stopping when it is needed again.
        ActorRef<ContractInstance.Command> ref = getContext().spawn(ContractInstance.create(settings.hostId(),
                address, contract, settings.limits(), settings.snapshotEvery()), "i-" + generation);
        getContext().watchWith(ref, new InstanceStopped(address, generation));
        live.put(address, new Live(ref, generation));
        return ref;
    }

    private Behavior<Command> onInstanceStopped(InstanceStopped stopped) {
        Live current = live.get(stopped.address());
        if (current != null && current.generation() == stopped.generation()) {
            // Not passivated by us: the instance failed (its journal and our checkpoint disagree, or storage is
            // down). Failing the host makes its supervisor restart it from the checkpoint.
            throw new IllegalStateException("contract instance " + stopped.address() + " stopped unexpectedly");
        }
        return this;
    }

    private Behavior<Command> passivateIdle() {
        if (busy()) {
            // Under steady load the host is nearly always inside a block when the timer fires; skipping would mean
            // never passivating, so it happens at the end of the block instead.
            passivationDue = true;
            return this;
        }
        passivate();
        return this;
    }

    /** Between blocks only: an instance stopped during a block could be one the block still calls. */
    private void passivate() {
        passivationDue = false;
        long now = System.nanoTime();
        long idle = settings.idleTimeout().toNanos();
        for (var it = live.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ContractAddress, Live> entry = it.next();
            Long used = lastUsed.get(entry.getKey());
            if (used == null || now - used > idle) {
                it.remove();
                lastUsed.remove(entry.getKey());
                entry.getValue().ref().tell(ContractInstance.Stop.INSTANCE);
            }
        }
        if (live.size() > settings.maxLiveInstances()) {
            stopLeastRecentlyUsed();
        }
    }

    /** Stops the least recently used instances down to 90 % of the bound (so that it is not hit again at once). */
    private void stopLeastRecentlyUsed() {
        int keep = Math.max(1, settings.maxLiveInstances() * 9 / 10);
        List<Map.Entry<ContractAddress, Long>> byUse = new ArrayList<>(lastUsed.entrySet());
        byUse.sort(Map.Entry.comparingByValue());
        for (int i = 0; i < byUse.size() && live.size() > keep; i++) {
            ContractAddress address = byUse.get(i).getKey();
            Live stopped = live.remove(address);
            lastUsed.remove(address);
            if (stopped != null) {
                stopped.ref().tell(ContractInstance.Stop.INSTANCE);
            }
        }
    }
}
