package org.fogledger.ledger.validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
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
 * Pekko Persistence, messages to peers over Artery, timers through Pekko timers, receipts to clients. It decides
 * nothing about consensus itself.
 *
 * <p>Order of effects per step: the journal write of the step's events first; sends go out at once (votes and
 * timeouts only ever appear after the persist they depend on was acknowledged, which the core guarantees); the
 * acknowledgement is fed back once the write is durable.
 */
public final class ValidatorActor extends EventSourcedBehavior<ValidatorActor.Command, ValidatorEvent, ValidatorState> {

    /** All validators register under this key; peers find each other through the (cluster) receptionist. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "fogledger-validator");

    private static final Duration FORWARD_DELAY = Duration.ofMillis(5);
    private static final int FORWARD_BATCH = 512;
    private static final int MAX_WAITING_CLIENTS = 100_000;
    private static final Duration VERIFY_DELAY = Duration.ofMillis(2);
    private static final int VERIFY_BATCH = 256;

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

    /** The hashes of committed blocks from {@code fromHeight} (at most {@code max}), from the in-memory tail. */
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

    private record TimerExpired(TimerKind kind, long round) implements Command {
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

    private enum Start implements Command { INSTANCE }

    /** The contract host, starting or restarting, asks for the committed blocks after its checkpoint. */
    private record HostWantsBlocks(ContractHost.BlocksWanted wanted) implements Command {
    }

    /** The contract host executed a committed block: receipts can go out, and proposals can claim its results. */
    private record HostExecuted(ContractHost.BlockExecuted executed) implements Command {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ValidatorSettings settings;
    private final KeyPair key;
    private final ValidatorSet validators;
    private final Block genesis;
    private final BoundedVerificationCache verificationCache;
    private final SignatureVerifier verifier;
    private final ParallelSignatureVerifier parallelVerifier;
    private final ExecutorService verificationCoordinator;
    private final Mempool mempool;
    private final ActorRef<ContractHost.Command> contractHost;

    private Replica replica;
    private final Map<PublicKey, ActorRef<Command>> peers = new HashMap<>();
    private final LinkedHashMap<Hash, List<ActorRef<SubmitResult>>> waitingClients = new LinkedHashMap<>();
    private final List<Transaction> toForward = new ArrayList<>();
    private final List<Incoming> incoming = new ArrayList<>();
    private final ValidatorMetrics metrics = new ValidatorMetrics();
    /** Whether the core has been started (after recovery); inputs before that are stashed. */
    private boolean started;
    /** Of the step being carried out: the persist to acknowledge once written, and the commits to answer for. */
    private long pendingPersistSequence;
    private List<CommittedBlock> pendingCommitted = List.of();

    private ValidatorActor(ActorContext<Command> context, TimerScheduler<Command> timers, ValidatorSettings settings) {
        super(PersistenceId.of("validator", settings.key().publicKey().keyId().hex().substring(0, 16)));
        this.context = context;
        this.timers = timers;
        this.settings = settings;
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
        this.mempool = new Mempool(settings.mempool());
        String hostId = key.publicKey().keyId().hex().substring(0, 16);
        // Execution runs beside consensus, not inside it: a slow contract delays receipts, never votes. The host
        // restarts from its checkpoint if it fails, and asks this actor for the blocks it then misses.
        this.contractHost = context.spawn(Behaviors.supervise(ContractHost.create(
                        new ContractHost.Settings(hostId, genesis.header().executed(), settings.executionLimits(),
                                100, Duration.ofMinutes(2), 256),
                        settings.contracts(),
                        context.messageAdapter(ContractHost.BlocksWanted.class, HostWantsBlocks::new),
                        context.messageAdapter(ContractHost.BlockExecuted.class, HostExecuted::new)))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10),
                        0.2)), "contracts");
    }

    public static Behavior<Command> create(ValidatorSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
            ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class,
                    PeersChanged::new);
            context.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE_KEY, listingAdapter));
            return new ValidatorActor(context, timers, settings);
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
    // Recovery: events rebuild what the core may keep across a crash

    @Override
    public EventHandler<ValidatorState, ValidatorEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public SignalHandler<ValidatorState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    RecoveredState recovered = state.recovered();
                    replica = new Replica(settings.consensus(), key, validators, verifier, new SafetyRules(), recovered,
                            mempool);
                    // Nonces committed before the crash, so old transactions cannot be replayed into the mempool.
                    for (CommittedBlock block : recovered.committedChain()) {
                        mempool.onCommitted(block.block().transactions());
                    }
                    context.getLog().info("validator {} recovered at committed height {} (voted round {}), starting",
                            key.publicKey().keyId().shortHex(), replica.committedHeight(),
                            recovered.safety().highestVotedRound());
                    // A signal handler cannot persist, and starting may propose: start as the next command.
                    context.getSelf().tell(Start.INSTANCE);
                })
                .onSignal(PostStop.instance(), state -> {
                    parallelVerifier.close();
                    verificationCoordinator.shutdownNow();
                })
                .build();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Commands

    @Override
    public CommandHandler<Command, ValidatorEvent, ValidatorState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(FromPeer.class, this::onPeerMessage)
                .onCommand(TimerExpired.class, timer -> step(new Input.TimerFired(timer.kind(), timer.round())))
                .onCommand(Start.class, start -> startReplica())
                .onCommand(PersistDone.class, done -> step(new Input.PersistCompleted(done.sequence())))
                .onCommand(Submit.class, this::onSubmit)
                .onCommand(ForwardedTransactions.class, this::onForwarded)
                .onCommand(FlushForwards.class, flush -> flushForwards())
                .onCommand(FlushIncoming.class, flush -> flushIncoming())
                .onCommand(Prechecked.class, checked -> step(new Input.MessageReceived(checked.message().from(),
                        checked.message().message())))
                .onCommand(Verified.class, this::onVerified)
                .onCommand(PeersChanged.class, this::onPeersChanged)
                .onCommand(GetStatus.class, this::onGetStatus)
                .onCommand(HostWantsBlocks.class, this::onHostWantsBlocks)
                .onCommand(QueryContract.class, this::onQueryContract)
                .onCommand(HostExecuted.class, this::onHostExecuted)
                .onCommand(GetCommittedHashes.class, (state, get) -> {
                    get.replyTo().tell(state.committedHashes(get.fromHeight(), Math.max(0, Math.min(get.max(), 10_000))));
                    return Effect().none();
                })
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
                replica == null ? 0 : replica.pendingTransactions(), metrics.snapshot(replica)));
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
        List<CommittedBlock> committed = pendingCommitted;
        pendingPersistSequence = 0;
        pendingCommitted = List.of();
        return Effect().persist(events).thenRun(state -> {
            if (sequence > 0) {
                context.getSelf().tell(new PersistDone(sequence));
            }
            answerClients(committed);
        });
    }


    /** Sends, timers at once; returns the events to journal. Remembers the persist to acknowledge. */
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
                events.add(new ValidatorEvent.BlocksCommitted(commit.blocks()));
                List<CommittedBlock> all = new ArrayList<>(pendingCommitted);
                all.addAll(commit.blocks());
                pendingCommitted = all;
                metrics.onCommit(commit.blocks());
                for (CommittedBlock block : commit.blocks()) {
                    mempool.onCommitted(block.block().transactions());
                }
            }
        }
        return events;
    }

    /** Committed blocks go to the contract host once the commit is in this validator's journal. */
    private void answerClients(List<CommittedBlock> committed) {
        for (CommittedBlock block : committed) {
            contractHost.tell(new ContractHost.ExecuteBlock(block.block()));
        }
    }

    private Effect<ValidatorEvent, ValidatorState> onHostWantsBlocks(ValidatorState state, HostWantsBlocks message) {
        List<Block> blocks = state.committedBlocksFrom(message.wanted().fromHeight());
        if (blocks.isEmpty() && message.wanted().fromHeight() <= state.committedHeight()) {
            context.getLog().error("contract host wants committed blocks from {}, older than this validator keeps in"
                    + " memory; it will execute once they are replayed from the journal", message.wanted().fromHeight());
        }
        for (Block block : blocks) {
            message.wanted().host().tell(new ContractHost.ExecuteBlock(block));
        }
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

    /** Receipts carry what execution answered; the next proposals claim these results. */
    private Effect<ValidatorEvent, ValidatorState> onHostExecuted(ValidatorState state, HostExecuted message) {
        BlockResults results = message.executed().results();
        metrics.onExecuted(results, message.executed().divergences());
        Hash blockHash = null;
        for (int index = 0; index < results.transactionCount(); index++) {
            ExecutionRecord record = results.forTransaction(index);
            List<ActorRef<SubmitResult>> clients = waitingClients.remove(record.origin());
            if (clients != null) {
                ContractResult result = record.result();
                Receipt receipt = new Receipt(record.origin(), results.height(), index,
                        result.ok() ? ReceiptStatus.COMMITTED_OK : ReceiptStatus.FAILED, result.code(), result.data());
                SubmitResult.Committed answer = new SubmitResult.Committed(receipt, key.publicKey(),
                        blockHash == null ? (blockHash = blockHashAt(state, results.height())) : blockHash);
                for (ActorRef<SubmitResult> client : clients) {
                    client.tell(answer);
                }
            }
        }
        return step(new Input.Executed(new ExecutedResults(results.height(), results.resultsHash())));
    }

    private static Hash blockHashAt(ValidatorState state, long height) {
        CommittedHashes hashes = state.committedHashes(height, 1);
        return hashes.hashes().isEmpty() || hashes.firstHeight() != height ? Hash.ZERO : hashes.hashes().get(0);
    }

    private long now() {
        return System.currentTimeMillis();
    }
}
