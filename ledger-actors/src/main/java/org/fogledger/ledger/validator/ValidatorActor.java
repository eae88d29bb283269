package org.fogledger.ledger.validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.DeleteEventsFailed;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.chain.ExecutedResults;
import org.fogledger.ledger.chain.Receipt;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.consensus.BlockResponse;
import org.fogledger.ledger.consensus.ChainedBlock;
import org.fogledger.ledger.consensus.CommittedBlock;
import org.fogledger.ledger.consensus.ConsensusMessage;
import org.fogledger.ledger.consensus.Input;
import org.fogledger.ledger.consensus.Output;
import org.fogledger.ledger.consensus.Proposal;
import org.fogledger.ledger.consensus.RecoveredState;
import org.fogledger.ledger.consensus.Replica;
import org.fogledger.ledger.consensus.SafetyRules;
import org.fogledger.ledger.consensus.SignatureVerifier;
import org.fogledger.ledger.consensus.TimerKind;
import org.fogledger.ledger.contract.BlockResults;
import org.fogledger.ledger.contract.ContractAddress;
import org.fogledger.ledger.contract.ContractResult;
import org.fogledger.ledger.contract.ExecutionRecord;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.execution.ContractHost;
import org.fogledger.ledger.execution.DryRunResult;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.mempool.Admission;
import org.fogledger.ledger.mempool.BoundedVerificationCache;
import org.fogledger.ledger.mempool.Mempool;
import org.fogledger.ledger.mempool.ParallelSignatureVerifier;
import org.fogledger.ledger.mempool.RefusalReason;
import org.fogledger.ledger.wire.WireMessage;

/**
 * A validator: the shell around one consensus {@link Replica}. It feeds the replica its inputs (peer messages,
 * timers, admitted transactions, persistence acknowledgements) and carries out its outputs: journal writes through
 * Pekko Persistence, messages to peers over Artery, timers through Pekko timers, the committed chain to its
 * {@link BlockArchive}, receipts to clients. It decides nothing about consensus itself.
 *
 * <p>Order of effects per step: the journal write of the step's events first; sends go out at once (votes and
 * timeouts only ever appear after the persist they depend on was acknowledged, which the core guarantees); the
 * acknowledgement is fed back once the write is durable. Committed blocks go to the committed-block store first and
 * into the journal ({@link ValidatorEvent.BlocksCommitted}) once stored; receipts follow. So every commit the journal
 * holds is in the store, and journal events may be deleted after a snapshot without losing the chain.
 *
 * <p>Recovery starts from the latest snapshot ({@link ValidatorSnapshot}, an immutable copy of the state taken by
 * the {@link #snapshotAdapter()}) and replays the events after it; see docs/CONSENSUS.md.
 */
public final class ValidatorActor extends EventSourcedBehavior<ValidatorActor.Command, ValidatorEvent, ValidatorState> {

    /** All validators register under this key; peers find each other through the (cluster) receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "fogledger-validator");

    private static final Duration FORWARD_DELAY = Duration.ofMillis(5);
    private static final int FORWARD_BATCH = 512;
    private static final int MAX_WAITING_CLIENTS = 100_000;
    /** Committed transactions remembered to answer late copies with their receipts (about a minute at 400 tx/s). */
    private static final int RECENT_COMMITS = 20_000;
    private static final Duration VERIFY_DELAY = Duration.ofMillis(2);
    private static final int VERIFY_BATCH = 256;
    private static final int MAX_HASHES_PER_QUERY = 10_000;
    /** Blocks one proof-material answer covers at most: as many headers as a proof may carry. */
    public static final int MAX_PROOF_BLOCKS = org.fogledger.ledger.contract.trace.AuditProof.MAX_HEADERS;
    /** Bytes one proof-material answer carries at most, well under the 2 MiB artery frame. */
    public static final long MAX_PROOF_ANSWER_BYTES = 1024 * 1024;
    /** Committed blocks read from the store for a contract host at a time. */
    private static final int HOST_BATCH_FROM_STORE = 512;
    /** Subscribers to executed-block notices one validator serves (agents, gateways: a few per site). */
    public static final int MAX_EXECUTED_SUBSCRIBERS = 1024;
    private static final org.slf4j.Logger STORE_LOG = org.slf4j.LoggerFactory.getLogger(ValidatorActor.class);

    public sealed interface Command {
    }

    /** A consensus message from another validator; {@code from} is the sender's claim, checked against the set. */
    public record FromPeer(PublicKey from, ConsensusMessage message) implements Command, WireMessage {
    }

    /** Transactions another validator admitted, passed on so whoever leads next can order them. */
    public record ForwardedTransactions(PublicKey from, List<Transaction> transactions) implements Command, WireMessage {
    }

    /** A client's signed transaction; the answer is a receipt once committed, or a refusal with its reason. */
    public record Submit(Transaction transaction, ActorRef<SubmitResult> replyTo) implements Command, WireMessage {
    }

    public record GetStatus(ActorRef<ValidatorStatus> replyTo) implements Command, WireMessage {
    }

    /** The hashes of committed blocks from {@code fromHeight} (at most {@code max}), from the committed-block store. */
    public record GetCommittedHashes(long fromHeight, int max, ActorRef<CommittedHashes> replyTo)
            implements Command, WireMessage {
    }

    /**
     * A read-only question to a contract instance ({@code name/instance}), answered from this validator's state
     * after its last executed block, whose height the answer names.
     */
    public record QueryContract(String address, String query, byte[] argument,
                                ActorRef<ContractHost.QueryResult> replyTo) implements Command, WireMessage {
    }

    /**
     * What {@code tx} would do if committed now, without submitting it: the mempool's own checks (chain, size,
     * signature, a used nonce) and then every execution it would cause, run against this validator's state after
     * its last executed block and thrown away ({@link DryRunResult}).
     */
    public record DryRunTransaction(Transaction tx, ActorRef<DryRunResult> replyTo) implements Command, WireMessage {
    }

    /**
     * From now on, {@code subscriber} gets an {@link ExecutedBlockNotice} after each block this validator executes,
     * until it unsubscribes or terminates (it is watched). Subscribing twice is subscribing once. At most
     * {@link #MAX_EXECUTED_SUBSCRIBERS} at a time; beyond that the subscription is refused (logged).
     */
    public record SubscribeExecuted(ActorRef<ExecutedBlockNotice> subscriber) implements Command, WireMessage {
    }

    public record UnsubscribeExecuted(ActorRef<ExecutedBlockNotice> subscriber) implements Command, WireMessage {
    }

    /**
     * The lowest nonce {@code sender} has not used on the ledger as this validator knows it (committed transactions
     * only; a pending one does not count), so a client without local state can sign its next transaction.
     */
    public record NextNonce(PublicKey sender, ActorRef<NextNonceAnswer> replyTo) implements Command, WireMessage {
    }

    /** The answer to {@link NextNonce}: {@code next} is the sender's lowest unused nonce at {@code committedHeight}. */
    public record NextNonceAnswer(PublicKey sender, long next, long committedHeight) implements WireMessage {
    }

    /**
     * The material of an audit proof for block {@code height}: the block, the execution results and the certified
     * headers from it on, at most {@code maxBlocks} (clamped to {@link #MAX_PROOF_BLOCKS}) and
     * {@link #MAX_PROOF_ANSWER_BYTES} in all; or a {@link ProofMaterialAnswer.Refused} saying why not.
     */
    public record GetProofMaterial(long height, int maxBlocks, ActorRef<ProofMaterialAnswer> replyTo)
            implements Command, WireMessage {
    }

    /** This validator's durable state and how it recovered; local only (an operator tool, and tests). */
    public record Inspect(ActorRef<ValidatorInspection> replyTo) implements Command {
    }

    private record TimerExpired(TimerKind kind, long round) implements Command {
    }

    private record ExecutedSubscriberTerminated(ActorRef<ExecutedBlockNotice> subscriber) implements Command {
    }

    private record PersistDone(long sequence) implements Command {
    }

    private record PeersChanged(Receptionist.Listing listing) implements Command {
    }

    private enum FlushForwards implements Command { INSTANCE }

    private enum FlushIncoming implements Command { INSTANCE }

    /** A peer message whose transactions' signatures are now in the cache. */
    private record Prechecked(FromPeer message) implements Command {
    }

    /** Signatures of a batch of incoming transactions, checked off the actor's thread. */
    private record Verified(List<Incoming> batch, boolean[] valid, Throwable failure) implements Command {
    }

    /** A transaction waiting for its signature check: from a client (with whom to answer) or from a peer. */
    private record Incoming(Transaction transaction, ActorRef<SubmitResult> client) {
    }

    /** After recovery: the committed-block store holds the recovered chain (or could not be made to). */
    private record ArchiveReady(long tipHeight, Throwable failure) implements Command {
    }

    /** Committed blocks are in the store (or could not be written): now into the journal, then receipts. */
    private record BlocksArchived(List<CommittedBlock> blocks, long tipHeight, Throwable failure) implements Command {
    }

    /** Blocks read from the store for a peer that asked for blocks older than the window. */
    private record StoredBlocksRead(PublicKey peer, List<ChainedBlock> chain, Throwable failure) implements Command {
    }

    /** The store's answer to {@code query}, with the durable committed height when it was asked. */
    private record HashesRead(GetCommittedHashes query, long durableHeight, List<Hash> hashes, Throwable failure)
            implements Command {
    }

    /** The store's answer to a {@link GetProofMaterial}, to pass on from the actor's thread. */
    private record ProofMaterialRead(ProofMaterialAnswer answer, ActorRef<ProofMaterialAnswer> replyTo)
            implements Command {
    }

    /** The contract host, starting or restarting, asks for the committed blocks after its checkpoint. */
    private record HostWantsBlocks(ContractHost.BlocksWanted wanted) implements Command {
    }

    /** The contract host executed a committed block: receipts can go out, and proposals can claim its results. */
    private record HostExecuted(ContractHost.BlockExecuted executed) implements Command {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ValidatorSettings settings;
    private final SnapshotSettings snapshots;
    private final KeyPair key;
    private final ValidatorSet validators;
    private final Block genesis;
    private final BoundedVerificationCache verificationCache;
    private final SignatureVerifier verifier;
    private final ParallelSignatureVerifier parallelVerifier;
    private final ExecutorService verificationCoordinator;
    private final BlockArchive archive;
    private final Mempool mempool;
    private final ActorRef<ContractHost.Command> contractHost;

    private Replica replica;
    private final Map<PublicKey, ActorRef<Command>> peers = new HashMap<>();
    private final LinkedHashMap<Hash, List<ActorRef<SubmitResult>>> waitingClients = new LinkedHashMap<>();
    private final RecentCommits recentCommits = new RecentCommits(RECENT_COMMITS);
    private final List<Transaction> toForward = new ArrayList<>();
    private final List<Incoming> incoming = new ArrayList<>();
    private final java.util.LinkedHashSet<ActorRef<ExecutedBlockNotice>> executedSubscribers =
            new java.util.LinkedHashSet<>();
    private final ValidatorMetrics metrics = new ValidatorMetrics();
    /** Whether the core has been started (after recovery); inputs before that are stashed. */
    private boolean started;
    /** Until recovery completes, every event applied is one replayed. */
    private boolean recovering = true;
    private final long createdAtNanos = System.nanoTime();
    /** Whether recovery started from a snapshot (or replayed the journal from its start). */
    private boolean snapshotLoaded;
    private RecoveryReport recoveryReport;
    /** Of the step being carried out: the persist to acknowledge once written. */
    private long pendingPersistSequence;

    private ValidatorActor(ActorContext<Command> context, TimerScheduler<Command> timers, ValidatorSettings settings,
                           SnapshotSettings snapshots, BlockArchive archive) {
        super(PersistenceId.of("validator", settings.key().publicKey().keyId().hex().substring(0, 16)));
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.snapshots = snapshots;
        this.key = settings.key();
        this.validators = settings.validators();
        this.genesis = Block.genesis(settings.consensus().chainId());
        this.verificationCache = new BoundedVerificationCache(settings.verificationCacheSize());
        this.verifier = verificationCache.cachingVerifier(SignatureVerifier.direct());
        this.parallelVerifier = ParallelSignatureVerifier.create(verificationCache);
        this.verificationCoordinator = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fogledger-verify-" + key.publicKey().keyId().shortHex());
            thread.setDaemon(true);
            return thread;
        });
        this.archive = archive;
        this.mempool = new Mempool(settings.mempool());
        String hostId = key.publicKey().keyId().hex().substring(0, 16);
        // Execution runs beside consensus, not inside it: a slow contract delays receipts, never votes. The host
        // restarts from its checkpoint if it fails, and asks this actor for the blocks it then misses.
        this.contractHost = context.spawn(Behaviors.supervise(ContractHost.create(
                        new ContractHost.Settings(hostId, genesis.header().executed(), settings.executionLimits(),
                                100, Duration.ofSeconds(30), 256,
                                ContractHost.Settings.DEFAULT_MAX_LIVE_INSTANCES),
                        settings.contracts(),
                        context.messageAdapter(ContractHost.BlocksWanted.class, HostWantsBlocks::new),
                        context.messageAdapter(ContractHost.BlockExecuted.class, HostExecuted::new),
                        archive::keepResults))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10),
                        0.2)), "contracts");
    }

    /** A validator with the snapshot policy of the node's configuration ({@link SnapshotSettings#CONFIG_PATH}). */
    public static Behavior<Command> create(ValidatorSettings settings) {
        return Behaviors.setup(context -> create(settings,
                SnapshotSettings.fromConfig(context.getSystem().settings().config())));
    }

    public static Behavior<Command> create(ValidatorSettings settings, SnapshotSettings snapshots) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
            ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class,
                    PeersChanged::new);
            context.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE_KEY, listingAdapter));
            BlockArchive archive = BlockArchive.onJournalStorage(context.getSystem(),
                    context.getSystem().settings().config(), settings.key().publicKey().keyId().shortHex());
            return new ValidatorActor(context, timers, settings, snapshots, archive);
        }));
    }

    /** The actor name a validator runs under: peers recognise each other's key from it. */
    public static String actorName(PublicKey key) {
        return "validator-" + key.keyId().hex().substring(0, 16);
    }

    @Override
    public ValidatorState emptyState() {
        // The journal's folded tail is what the core's window of committed blocks is rebuilt from after a restart.
        return ValidatorState.empty(genesis, settings.consensus().retainedCommittedBlocks());
    }

    // -----------------------------------------------------------------------------------------------------------
    // Snapshots and recovery: the latest snapshot plus the events after it rebuild what the core may keep

    @Override
    public RetentionCriteria retentionCriteria() {
        return snapshots.retention();
    }

    /**
     * The state is mutable and the snapshot store serializes on another thread, so what it is given is an
     * immutable copy taken here, on the actor's thread.
     */
    @Override
    public SnapshotAdapter<ValidatorState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(ValidatorState state) {
                return state.toSnapshot();
            }

            @Override
            public ValidatorState fromJournal(Object from) {
                snapshotLoaded = true;
                return ValidatorState.fromSnapshot((ValidatorSnapshot) from,
                        settings.consensus().retainedCommittedBlocks());
            }
        };
    }

    @Override
    public EventHandler<ValidatorState, ValidatorEvent> eventHandler() {
        return (state, event) -> {
            if (recovering) {
                metrics.eventsReplayed++;
            }
            return state.apply(event);
        };
    }

    @Override
    public SignalHandler<ValidatorState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), this::onRecovered)
                .onSignal(SnapshotCompleted.class, (state, done) -> metrics.snapshotsSaved++)
                .onSignal(SnapshotFailed.class, (state, failed) -> {
                    metrics.snapshotsFailed++;
                    context.getLog().warn("validator {} could not save a snapshot at {}: {}",
                            key.publicKey().keyId().shortHex(), failed.metadata().sequenceNr(),
                            failed.getFailure().toString());
                })
                .onSignal(DeleteEventsCompleted.class, (state, deleted) -> metrics.eventsDeletedTo = deleted.toSequenceNr())
                .onSignal(DeleteEventsFailed.class, (state, failed) -> context.getLog().warn(
                        "validator {} could not delete events up to {}: {}", key.publicKey().keyId().shortHex(),
                        failed.toSequenceNr(), failed.getFailure().toString()))
                .onSignal(PostStop.instance(), state -> {
                    parallelVerifier.close();
                    verificationCoordinator.shutdownNow();
                    archive.close();
                })
                .build();
    }

    private void onRecovered(ValidatorState state) {
        recovering = false;
        RecoveredState recovered = state.recovered();
        long lastSequenceNr = lastSequenceNumber(context);
        recoveryReport = new RecoveryReport(snapshotLoaded ? lastSequenceNr - metrics.eventsReplayed : -1,
                metrics.eventsReplayed, lastSequenceNr, state.committedHeight(),
                recovered.committedChain().get(recovered.committedChain().size() - 1).block().hash(),
                recovered.safety(), (System.nanoTime() - createdAtNanos) / 1_000_000);
        replica = new Replica(settings.consensus(), key, validators, verifier, new SafetyRules(), recovered, mempool);
        // Every nonce committed before the crash, so old transactions cannot be replayed into the mempool.
        mempool.restoreUsedNonces(state.usedNonces());
        context.getLog().info("validator {} recovered at committed height {} (voted round {}) from {} and {} events "
                        + "in {} ms", key.publicKey().keyId().shortHex(), replica.committedHeight(),
                recovered.safety().highestVotedRound(),
                recoveryReport.fromSnapshot() ? "the snapshot at " + recoveryReport.snapshotSequenceNr() : "no snapshot",
                metrics.eventsReplayed, recoveryReport.durationMillis());
        // The store must hold the recovered chain before the core starts (a signal handler cannot persist, and
        // starting may propose: the core starts on ArchiveReady).
        context.pipeToSelf(reconcileArchive(state.committedWindow()),
                (tip, failure) -> new ArchiveReady(tip == null ? -1 : tip, failure));
    }

    /**
     * Makes the committed-block store hold the recovered window. Normally it already does (blocks are stored before
     * their commit is journaled) or is just behind by genesis on a new node. A journal written before the store
     * existed holds committed blocks the store lacks: those are copied from the journal, whose events were never
     * deleted then.
     */
    private CompletionStage<Long> reconcileArchive(List<CommittedBlock> window) {
        long first = window.get(0).height();
        // Everything taken from the actor's context here, on its thread: what follows runs on the archive's.
        JournalBackfill backfill = new JournalBackfill(context.getSystem(), context.getLog(), persistenceId().id(),
                key.publicKey().keyId().shortHex(), archive);
        return archive.tipHeight().thenCompose(tip -> {
            CompletionStage<Long> below = first <= tip + 1 ? CompletableFuture.completedFuture(tip)
                    : backfill.copy(tip + 1, first - 1);
            return below.thenCompose(filled -> archive.append(window));
        });
    }

    private Effect<ValidatorEvent, ValidatorState> onArchiveReady(ArchiveReady ready) {
        if (ready.failure() != null) {
            context.getLog().error("validator {} cannot start: its committed-block store does not hold its chain: {}",
                    key.publicKey().keyId().shortHex(), ready.failure().toString());
            throw new IllegalStateException("committed-block store not ready", ready.failure());
        }
        metrics.archivedHeight = ready.tipHeight();
        return startReplica();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Commands

    @Override
    public CommandHandler<Command, ValidatorEvent, ValidatorState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(FromPeer.class, this::onPeerMessage)
                .onCommand(TimerExpired.class, timer -> step(new Input.TimerFired(timer.kind(), timer.round())))
                .onCommand(ArchiveReady.class, this::onArchiveReady)
                .onCommand(PersistDone.class, done -> step(new Input.PersistCompleted(done.sequence())))
                .onCommand(BlocksArchived.class, this::onBlocksArchived)
                .onCommand(StoredBlocksRead.class, this::onStoredBlocksRead)
                .onCommand(Submit.class, this::onSubmit)
                .onCommand(ForwardedTransactions.class, this::onForwarded)
                .onCommand(FlushForwards.class, flush -> flushForwards())
                .onCommand(FlushIncoming.class, flush -> flushIncoming())
                .onCommand(Prechecked.class, checked -> step(new Input.MessageReceived(checked.message().from(),
                        checked.message().message())))
                .onCommand(Verified.class, this::onVerified)
                .onCommand(PeersChanged.class, this::onPeersChanged)
                .onCommand(GetStatus.class, this::onGetStatus)
                .onCommand(NextNonce.class, this::onNextNonce)
                .onCommand(HostWantsBlocks.class, this::onHostWantsBlocks)
                .onCommand(QueryContract.class, this::onQueryContract)
                .onCommand(DryRunTransaction.class, this::onDryRun)
                .onCommand(HostExecuted.class, this::onHostExecuted)
                .onCommand(GetCommittedHashes.class, this::onGetCommittedHashes)
                .onCommand(HashesRead.class, this::onHashesRead)
                .onCommand(GetProofMaterial.class, this::onGetProofMaterial)
                .onCommand(ProofMaterialRead.class, read -> {
                    read.replyTo().tell(read.answer());
                    return Effect().none();
                })
                .onCommand(Inspect.class, this::onInspect)
                .onCommand(SubscribeExecuted.class, this::onSubscribeExecuted)
                .onCommand(UnsubscribeExecuted.class, this::onUnsubscribeExecuted)
                .onCommand(ExecutedSubscriberTerminated.class, this::onExecutedSubscriberTerminated)
                .build();
    }

    private Effect<ValidatorEvent, ValidatorState> onPeerMessage(FromPeer message) {
        if (message.from() == null || !validators.contains(message.from()) || message.from().equals(key.publicKey())) {
            metrics.refusedFromNonMembers++;
            return Effect().none();
        }
        List<Transaction> carried = transactionsIn(message.message());
        if (!carried.isEmpty()) {
            // Check the block's signatures on all cores first (filling the cache the core then hits), instead of
            // one by one on this actor's thread, where they would hold up every other message.
            context.pipeToSelf(CompletableFuture.supplyAsync(() -> parallelVerifier.verifyAll(carried),
                    verificationCoordinator), (valid, failure) -> new Prechecked(message));
            return Effect().none();
        }
        return step(new Input.MessageReceived(message.from(), message.message()));
    }

    /** Transactions a proposal or block response carries, whose signatures the core will check. */
    private static List<Transaction> transactionsIn(ConsensusMessage message) {
        if (message instanceof Proposal proposal && proposal.block() != null) {
            return proposal.block().transactions();
        }
        if (message instanceof BlockResponse response && response.blocks() != null) {
            List<Transaction> all = new ArrayList<>();
            for (ChainedBlock link : response.blocks()) {
                if (link != null && link.block() != null) {
                    all.addAll(link.block().transactions());
                }
            }
            return all;
        }
        return List.of();
    }

    private Effect<ValidatorEvent, ValidatorState> onSubmit(Submit submit) {
        Transaction tx = submit.transaction();
        if (tx == null || tx.sender() == null || tx.signature() == null || tx.chainId() == null) {
            metrics.refusedTransactions++;
            submit.replyTo().tell(new SubmitResult.Refused(null, "MALFORMED",
                    "transaction is missing its sender, signature or chain id"));
            return Effect().none();
        }
        if (waitingClients.size() >= MAX_WAITING_CLIENTS) {
            submit.replyTo().tell(new SubmitResult.Refused(tx.hash(), "BUSY",
                    "validator busy: " + MAX_WAITING_CLIENTS + " transactions await receipts; retry later"));
            return Effect().none();
        }
        return enqueue(List.of(new Incoming(tx, submit.replyTo())));
    }

    private Effect<ValidatorEvent, ValidatorState> onForwarded(ForwardedTransactions forwarded) {
        if (forwarded.from() == null || !validators.contains(forwarded.from()) || forwarded.transactions() == null) {
            metrics.refusedFromNonMembers++;
            return Effect().none();
        }
        List<Incoming> batch = new ArrayList<>(forwarded.transactions().size());
        for (Transaction tx : forwarded.transactions()) {
            if (tx != null && tx.sender() != null && tx.signature() != null && tx.chainId() != null
                    && !mempool.contains(tx.hash())) {
                batch.add(new Incoming(tx, null));
            }
        }
        return enqueue(batch);
    }

    /** Collects incoming transactions briefly, so signatures are checked in batches across all cores. */
    private Effect<ValidatorEvent, ValidatorState> enqueue(List<Incoming> batch) {
        incoming.addAll(batch);
        if (incoming.size() >= VERIFY_BATCH) {
            return flushIncoming();
        }
        if (!incoming.isEmpty() && !timers.isTimerActive(FlushIncoming.INSTANCE)) {
            timers.startSingleTimer(FlushIncoming.INSTANCE, FlushIncoming.INSTANCE, VERIFY_DELAY);
        }
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> flushIncoming() {
        if (incoming.isEmpty()) {
            return Effect().none();
        }
        List<Incoming> batch = List.copyOf(incoming);
        incoming.clear();
        List<Transaction> txs = batch.stream().map(Incoming::transaction).toList();
        context.pipeToSelf(CompletableFuture.supplyAsync(() -> parallelVerifier.verifyAll(txs), verificationCoordinator),
                (valid, failure) -> new Verified(batch, valid, failure));
        return Effect().none();
    }

    /** Admission into the mempool, answers to refused clients, and the admitted ones on to the core and peers. */
    private Effect<ValidatorEvent, ValidatorState> onVerified(Verified verified) {
        if (verified.failure() != null) {
            context.getLog().warn("signature verification failed for a batch of {}: {}", verified.batch().size(),
                    verified.failure().toString());
            for (Incoming in : verified.batch()) {
                if (in.client() != null) {
                    in.client().tell(new SubmitResult.Refused(in.transaction().hash(), "BUSY",
                            "could not check the signature now; retry later"));
                }
            }
            return Effect().none();
        }
        List<Transaction> admitted = new ArrayList<>(verified.batch().size());
        for (int i = 0; i < verified.batch().size(); i++) {
            Incoming in = verified.batch().get(i);
            Transaction tx = in.transaction();
            Admission admission = mempool.admit(tx, verified.valid()[i]);
            boolean alreadyPending = admission instanceof Admission.Refused refused
                    && refused.reason() == RefusalReason.DUPLICATE;
            if (admission.admitted() || alreadyPending) {
                if (admission.admitted()) {
                    admitted.add(tx);
                    if (in.client() != null) {
                        toForward.add(tx);
                    }
                }
                if (in.client() != null) {
                    waitingClients.computeIfAbsent(tx.hash(), h -> new ArrayList<>(1)).add(in.client());
                }
            } else if (in.client() != null && answeredAsCommitted(in, (Admission.Refused) admission)) {
                metrics.lateCopiesOfCommitted++;
            } else {
                metrics.refusedTransactions++;
                if (in.client() != null) {
                    Admission.Refused refused = (Admission.Refused) admission;
                    in.client().tell(new SubmitResult.Refused(tx.hash(), refused.reason().name(), refused.message()));
                }
            }
        }
        if (!toForward.isEmpty()) {
            if (toForward.size() >= FORWARD_BATCH) {
                flushForwards();
            } else if (!timers.isTimerActive(FlushForwards.INSTANCE)) {
                timers.startSingleTimer(FlushForwards.INSTANCE, FlushForwards.INSTANCE, FORWARD_DELAY);
            }
        }
        return admitted.isEmpty() ? Effect().none() : step(new Input.TransactionsAvailable(admitted));
    }

    /**
     * A copy of a transaction this validator committed uses a used nonce; its client gets the receipt (now, or
     * when the block is executed) rather than a refusal, since the transaction is on the chain.
     */
    private boolean answeredAsCommitted(Incoming in, Admission.Refused refused) {
        if (refused.reason() != RefusalReason.NONCE_USED) {
            return false;
        }
        Hash hash = in.transaction().hash();
        Optional<RecentCommits.Known> known = recentCommits.find(hash);
        if (known.isEmpty()) {
            return false;
        }
        if (known.get() instanceof RecentCommits.Executed executed) {
            in.client().tell(executed.answer());
        } else {
            waitingClients.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(in.client());
        }
        return true;
    }

    private Effect<ValidatorEvent, ValidatorState> flushForwards() {
        if (!toForward.isEmpty()) {
            ForwardedTransactions batch = new ForwardedTransactions(key.publicKey(), List.copyOf(toForward));
            toForward.clear();
            for (ActorRef<Command> peer : peers.values()) {
                peer.tell(batch);
            }
        }
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onPeersChanged(PeersChanged changed) {
        peers.clear();
        Set<ActorRef<Command>> refs = changed.listing().getServiceInstances(SERVICE_KEY);
        for (ActorRef<Command> ref : refs) {
            for (PublicKey member : validators.members()) {
                if (!member.equals(key.publicKey()) && ref.path().name().equals(actorName(member))) {
                    peers.put(member, ref);
                }
            }
        }
        context.getLog().debug("validator {} sees {} of {} peers", key.publicKey().keyId().shortHex(), peers.size(),
                validators.size() - 1);
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onGetStatus(GetStatus get) {
        get.replyTo().tell(new ValidatorStatus(key.publicKey(), replica == null ? 0 : replica.currentRound(),
                replica == null ? 0 : replica.committedHeight(),
                replica == null ? genesis.hash() : replica.committedTip().hash(), peers.size(),
                replica == null ? 0 : replica.pendingTransactions(),
                metrics.snapshot(replica, recoveryReport, lastSequenceNumber(context))));
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onNextNonce(NextNonce ask) {
        if (ask.sender() != null) {
            ask.replyTo().tell(new NextNonceAnswer(ask.sender(), mempool.nextNonce(ask.sender()),
                    replica == null ? 0 : replica.committedHeight()));
        }
        return Effect().none();
    }

    /**
     * Answers from the committed-block store, as of the journal's committed height when asked: the core commits in
     * memory before the store and the journal have the block, so its height may name blocks the store cannot show
     * yet, and blocks committed while the store is read must not make the answer's height and hashes disagree.
     */
    private Effect<ValidatorEvent, ValidatorState> onGetCommittedHashes(ValidatorState state, GetCommittedHashes get) {
        int max = Math.max(0, Math.min(get.max(), MAX_HASHES_PER_QUERY));
        long durable = state.committedHeight();
        context.pipeToSelf(archive.hashesFrom(get.fromHeight(), max),
                (hashes, failure) -> new HashesRead(get, durable, hashes, failure));
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onHashesRead(HashesRead read) {
        if (read.failure() != null) {
            context.getLog().warn("cannot read committed hashes: {}", read.failure().toString());
        }
        List<Hash> hashes = read.failure() == null ? read.hashes() : List.of();
        long from = read.query().fromHeight();
        int upToDurable = (int) Math.max(0, Math.min(hashes.size(), read.durableHeight() - from + 1));
        read.query().replyTo().tell(new CommittedHashes(read.query().fromHeight(), hashes.subList(0, upToDurable),
                read.durableHeight()));
        return Effect().none();
    }

    /** Answers from the stores, as of the journal's committed height (what the store is sure to hold). */
    private Effect<ValidatorEvent, ValidatorState> onGetProofMaterial(ValidatorState state, GetProofMaterial get) {
        if (get.replyTo() == null) {
            return Effect().none();
        }
        long durable = state.committedHeight();
        if (get.height() < 0 || get.height() > durable) {
            get.replyTo().tell(new ProofMaterialAnswer.Refused(get.height(), ProofMaterialAnswer.NOT_COMMITTED,
                    get.height() < 0 ? "height must be >= 0, got " + get.height()
                            : "block " + get.height() + " is not committed yet: this validator's committed height is "
                            + durable));
            return Effect().none();
        }
        int maxBlocks = Math.max(1, Math.min(get.maxBlocks(), MAX_PROOF_BLOCKS));
        Optional<CompletableFuture<ProofMaterialAnswer>> read = archive.proofMaterial(get.height(), maxBlocks,
                MAX_PROOF_ANSWER_BYTES, durable);
        if (read.isEmpty()) {
            get.replyTo().tell(new ProofMaterialAnswer.Refused(get.height(), ProofMaterialAnswer.UNAVAILABLE,
                    "this validator's store is serving " + BlockArchive.MAX_PENDING_READS + " reads; ask again"));
            return Effect().none();
        }
        context.pipeToSelf(read.get(), (answer, failure) -> new ProofMaterialRead(failure == null ? answer
                : new ProofMaterialAnswer.Refused(get.height(), ProofMaterialAnswer.UNAVAILABLE,
                "this validator could not read its stores: " + failure), get.replyTo()));
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onInspect(ValidatorState state, Inspect inspect) {
        inspect.replyTo().tell(new ValidatorInspection(recoveryReport,
                replica == null ? state.committedHeight() : replica.committedHeight(),
                replica == null ? genesis.hash() : replica.committedTip().hash(),
                replica == null ? state.safety() : replica.safetyState(), state.committedHeight(), state.safety(),
                mempool.usedNonces().export(), lastSequenceNumber(context), metrics.archivedHeight));
        return Effect().none();
    }

    // -----------------------------------------------------------------------------------------------------------
    // The committed chain: store first, then journal, then receipts; peers' requests for old blocks

    private Effect<ValidatorEvent, ValidatorState> onBlocksArchived(BlocksArchived archived) {
        if (archived.failure() != null) {
            // Like a journal failure: stop rather than go on with commits that are nowhere durable. A restart
            // commits them again from the journal's safety state and blocks.
            context.getLog().error("validator {} cannot store committed blocks {}..{}: {}",
                    key.publicKey().keyId().shortHex(), archived.blocks().get(0).height(),
                    archived.blocks().get(archived.blocks().size() - 1).height(), archived.failure().toString());
            throw new IllegalStateException("committed-block store failed", archived.failure());
        }
        metrics.archivedHeight = Math.max(metrics.archivedHeight, archived.tipHeight());
        List<CommittedBlock> blocks = archived.blocks();
        return Effect().persist(new ValidatorEvent.BlocksCommitted(blocks)).thenRun(state -> executeCommitted(blocks));
    }

    private void serveFromStore(Output.ServeCommittedBlocks serve) {
        Optional<CompletableFuture<List<ChainedBlock>>> read = archive.chainEndingAt(serve.blockHash(),
                serve.maxBlocks(), serve.maxBytes());
        if (read.isEmpty()) {
            // The peer asks again next round, or another validator.
            metrics.storeRequestsRefused++;
            return;
        }
        context.pipeToSelf(read.get(), (chain, failure) -> new StoredBlocksRead(serve.to(), chain, failure));
    }

    private Effect<ValidatorEvent, ValidatorState> onStoredBlocksRead(StoredBlocksRead read) {
        if (read.failure() != null) {
            metrics.storeRequestsRefused++;
            context.getLog().warn("cannot read committed blocks for a peer: {}", read.failure().toString());
            return Effect().none();
        }
        ActorRef<Command> peer = peers.get(read.peer());
        if (read.chain().isEmpty()) {
            return Effect().none();
        }
        if (peer == null) {
            metrics.unreachablePeerSends++;
            return Effect().none();
        }
        metrics.storeRequestsServed++;
        metrics.storeBlocksServed += read.chain().size();
        peer.tell(new FromPeer(key.publicKey(), new BlockResponse(read.chain())));
        return Effect().none();
    }

    // -----------------------------------------------------------------------------------------------------------
    // One step of the core, and carrying out its outputs

    private Effect<ValidatorEvent, ValidatorState> startReplica() {
        started = true;
        return persistAndAcknowledge(carryOut(replica.start(now()))).thenUnstashAll();
    }

    private Effect<ValidatorEvent, ValidatorState> step(Input input) {
        if (!started) {
            return Effect().stash();
        }
        return persistAndAcknowledge(carryOut(replica.handle(input, now())));
    }

    private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<ValidatorEvent, ValidatorState> persistAndAcknowledge(
            List<ValidatorEvent> events) {
        if (events.isEmpty()) {
            return Effect().none();
        }
        long sequence = pendingPersistSequence;
        pendingPersistSequence = 0;
        return Effect().persist(events).thenRun(state -> {
            if (sequence > 0) {
                context.getSelf().tell(new PersistDone(sequence));
            }
        });
    }

    /** Sends, timers, store reads and writes at once; returns the events to journal. Remembers the persist to acknowledge. */
    private List<ValidatorEvent> carryOut(List<Output> outputs) {
        List<ValidatorEvent> events = new ArrayList<>(2);
        for (Output output : outputs) {
            if (output instanceof Output.Send send) {
                ActorRef<Command> peer = peers.get(send.to());
                if (peer != null) {
                    peer.tell(new FromPeer(key.publicKey(), send.message()));
                } else {
                    metrics.unreachablePeerSends++;
                }
            } else if (output instanceof Output.Broadcast broadcast) {
                FromPeer message = new FromPeer(key.publicKey(), broadcast.message());
                for (ActorRef<Command> peer : peers.values()) {
                    peer.tell(message);
                }
            } else if (output instanceof Output.SetTimer timer) {
                timers.startSingleTimer(timer.kind(), new TimerExpired(timer.kind(), timer.round()),
                        Duration.ofMillis(timer.delayMillis()));
            } else if (output instanceof Output.PersistBlock persist) {
                events.add(new ValidatorEvent.BlockStored(persist.block()));
            } else if (output instanceof Output.PersistSafetyState persist) {
                events.add(new ValidatorEvent.SafetyStateSaved(persist.state()));
                pendingPersistSequence = Math.max(pendingPersistSequence, persist.sequence());
            } else if (output instanceof Output.Commit commit) {
                // The store first (in commit order, on its own thread), the journal once it is there.
                List<CommittedBlock> blocks = commit.blocks();
                context.pipeToSelf(archive.append(blocks),
                        (tip, failure) -> new BlocksArchived(blocks, tip == null ? -1 : tip, failure));
                metrics.onCommit(blocks);
                for (CommittedBlock block : blocks) {
                    mempool.onCommitted(block.block().transactions());
                    recentCommits.committed(block.block().transactions());
                }
            } else if (output instanceof Output.ServeCommittedBlocks serve) {
                serveFromStore(serve);
            }
        }
        return events;
    }

    /**
     * Committed blocks go to the contract host once the commit is in the store and in this validator's journal;
     * receipts follow execution (see {@code onHostExecuted}).
     */
    private void executeCommitted(List<CommittedBlock> committed) {
        for (CommittedBlock block : committed) {
            contractHost.tell(new ContractHost.ExecuteBlock(block.block()));
        }
    }

    private Effect<ValidatorEvent, ValidatorState> onHostWantsBlocks(ValidatorState state, HostWantsBlocks message) {
        long from = message.wanted().fromHeight();
        ActorRef<ContractHost.Command> host = message.wanted().host();
        List<Block> inMemory = state.committedBlocksFrom(from);
        if (!inMemory.isEmpty() && inMemory.get(0).height() == from) {
            inMemory.forEach(block -> host.tell(new ContractHost.ExecuteBlock(block)));
            return Effect().none();
        }
        long to = Math.min(state.committedHeight(), from + HOST_BATCH_FROM_STORE - 1);
        if (from > to) {
            return Effect().none();
        }
        // Below the in-memory window: a batch from the committed-block store. The host asks again for the next
        // batch when the following commit shows it the gap.
        String self = key.publicKey().keyId().shortHex();
        archive.range(from, to).whenComplete((blocks, failure) -> {
            if (failure != null) {
                STORE_LOG.warn("validator {}: contract host's blocks {}..{} could not be read from the store: {}",
                        self, from, to, failure.toString());
            } else {
                blocks.forEach(block -> host.tell(new ContractHost.ExecuteBlock(block.block())));
            }
        });
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onQueryContract(QueryContract query) {
        ContractAddress address;
        try {
            address = ContractAddress.parse(query.address());
        } catch (IllegalArgumentException | NullPointerException e) {
            query.replyTo().tell(new ContractHost.QueryResult(false, "bad-address",
                    String.valueOf(e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8), -1));
            return Effect().none();
        }
        byte[] argument = query.argument() == null ? new byte[0] : query.argument();
        if (argument.length > settings.mempool().maxTransactionBytes() || query.query() == null) {
            query.replyTo().tell(new ContractHost.QueryResult(false, "bad-query",
                    ("a query needs a name and an argument of at most " + settings.mempool().maxTransactionBytes()
                            + " bytes").getBytes(java.nio.charset.StandardCharsets.UTF_8), -1));
            return Effect().none();
        }
        contractHost.tell(new ContractHost.QueryInstance(address, query.query(), argument, query.replyTo()));
        return Effect().none();
    }

    /** The mempool's own checks decide whether a dry run is tried at all, as they decide a submission's admission. */
    private Effect<ValidatorEvent, ValidatorState> onDryRun(DryRunTransaction dryRun) {
        Transaction tx = dryRun.tx();
        if (tx == null || tx.sender() == null || tx.signature() == null || tx.chainId() == null) {
            dryRun.replyTo().tell(DryRunResult.refused("MALFORMED",
                    "transaction is missing its sender, signature or chain id"));
            return Effect().none();
        }
        Admission.Refused refused = mempool.refusalOnItsOwn(tx, tx.hasValidSignature());
        if (refused != null) {
            dryRun.replyTo().tell(DryRunResult.refused(refused.reason().name(), refused.message()));
        } else {
            contractHost.tell(new ContractHost.DryRun(tx, System.currentTimeMillis(), dryRun.replyTo()));
        }
        return Effect().none();
    }

    /** Receipts carry what execution answered; the next proposals claim these results. */
    private Effect<ValidatorEvent, ValidatorState> onHostExecuted(ValidatorState state, HostExecuted message) {
        BlockResults results = message.executed().results();
        metrics.onExecuted(results, message.executed().divergences());
        Hash blockHash = message.executed().blockHash();
        for (int index = 0; index < results.transactionCount(); index++) {
            ExecutionRecord record = results.forTransaction(index);
            ContractResult result = record.result();
            Receipt receipt = new Receipt(record.origin(), results.height(), index,
                    result.ok() ? ReceiptStatus.COMMITTED_OK : ReceiptStatus.FAILED, result.code(), result.data());
            SubmitResult.Committed answer = new SubmitResult.Committed(receipt, key.publicKey(), blockHash);
            recentCommits.executed(answer);
            List<ActorRef<SubmitResult>> clients = waitingClients.remove(record.origin());
            if (clients != null) {
                for (ActorRef<SubmitResult> client : clients) {
                    client.tell(answer);
                }
            }
        }
        notifyExecuted(results, blockHash);
        return step(new Input.Executed(new ExecutedResults(results.height(), results.resultsHash())));
    }

    // -----------------------------------------------------------------------------------------------------------
    // The feed of executed blocks, for agents and gateways that must learn promptly what changed

    private Effect<ValidatorEvent, ValidatorState> onSubscribeExecuted(SubscribeExecuted subscribe) {
        ActorRef<ExecutedBlockNotice> subscriber = subscribe.subscriber();
        if (subscriber == null || executedSubscribers.contains(subscriber)) {
            return Effect().none();
        }
        if (executedSubscribers.size() >= MAX_EXECUTED_SUBSCRIBERS) {
            context.getLog().warn("validator {} refuses executed-block subscriber {}: it already serves {}",
                    key.publicKey().keyId().shortHex(), subscriber.path(), MAX_EXECUTED_SUBSCRIBERS);
            return Effect().none();
        }
        executedSubscribers.add(subscriber);
        metrics.executedSubscribers = executedSubscribers.size();
        context.watchWith(subscriber, new ExecutedSubscriberTerminated(subscriber));
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onUnsubscribeExecuted(UnsubscribeExecuted unsubscribe) {
        if (unsubscribe.subscriber() != null && executedSubscribers.remove(unsubscribe.subscriber())) {
            context.unwatch(unsubscribe.subscriber());
            metrics.executedSubscribers = executedSubscribers.size();
        }
        return Effect().none();
    }

    private Effect<ValidatorEvent, ValidatorState> onExecutedSubscriberTerminated(ExecutedSubscriberTerminated gone) {
        executedSubscribers.remove(gone.subscriber());
        metrics.executedSubscribers = executedSubscribers.size();
        return Effect().none();
    }

    /** The addresses whose executions succeeded in the block, sorted and bounded, to every subscriber. */
    private void notifyExecuted(BlockResults results, Hash blockHash) {
        if (executedSubscribers.isEmpty()) {
            return;
        }
        java.util.TreeSet<String> touched = new java.util.TreeSet<>();
        boolean truncated = false;
        for (ExecutionRecord record : results.records()) {
            if (record.result().ok() && !touched.contains(record.address())) {
                if (touched.size() == ExecutedBlockNotice.MAX_ADDRESSES) {
                    truncated = true;
                    break;
                }
                touched.add(record.address());
            }
        }
        ExecutedBlockNotice notice = new ExecutedBlockNotice(results.height(), blockHash, List.copyOf(touched),
                truncated, key.publicKey());
        for (ActorRef<ExecutedBlockNotice> subscriber : executedSubscribers) {
            subscriber.tell(notice);
        }
    }

    private long now() {
        return System.currentTimeMillis();
    }
}
