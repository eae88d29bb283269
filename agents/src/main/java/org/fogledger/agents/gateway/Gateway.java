package org.fogledger.agents.gateway;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.fogledger.ledger.chain.ReceiptStatus;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.ExecutedSubscription;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.consent.Decision;
import org.fogledger.ledger.contract.arbitration.DecisionAction;
import org.fogledger.ledger.contract.authority.AuthorityCommand;
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.policy.EffectivePolicy;
import org.fogledger.ledger.contract.registry.DeviceView;
import org.fogledger.ledger.contract.sharing.Session;
import org.fogledger.ledger.contract.sharing.SessionStatus;
import org.fogledger.ledger.contract.sharing.SharingCommand;
import org.fogledger.ledger.contract.sharing.SharingState;
import org.fogledger.ledger.contract.tokens.Accounts;
import org.fogledger.ledger.contract.trace.GatewayCommand;
import org.fogledger.ledger.contract.trace.TraceBatch;
import org.fogledger.ledger.contract.trace.TraceContract;
import org.fogledger.ledger.contract.trace.TraceStream;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.ExecutedBlockNotice;
import org.fogledger.ledger.validator.SubmitResult;

/**
 * A gateway: the enforcement point between devices and everyone else. It admits only devices the registry admits
 * and whose hello is signed by their registered key, accepts only readings signed by that key, hands data to a
 * third party only when the owner's consent permits, records every flow into its trace stream and anchors the
 * batches on the ledger, and closes the session of a device the registry stops admitting.
 *
 * <p>Enforcement of registry outcomes: the gateway follows executed-block notices; a notice that touched
 * {@code registry/<deviceId>} of a device with an open session makes it read the device's legitimacy again (at the
 * notice's height or later), and a device no longer admitted has its session closed: its connection is told, and
 * every later message of the session is refused with {@code session closed: <reason>}. Every
 * {@link GatewaySettings#recheckInterval()} all open sessions are re-read anyway, in case notices were lost. See
 * docs/GATEWAYS.md for the protocol and the bound on the delay.
 *
 * <p>Policies: each session enforces the {@link DevicePolicy} that {@link PolicyMapping} makes of the gateway's own
 * policy and the ledger's effective policy at the device's place ({@code policy/_}, read at the hello, again when a
 * notice may have touched {@code policy/_}, and at every periodic re-check). Data requests ask the policy at the
 * device's place first (deny overrides consent). Quarantines become the site agent's {@code authority.decide} when
 * the settings carry its key. Sharing sessions named in data requests are metered to {@code sharing/<deviceId>}.
 *
 * <p>Sessions are entries in this actor's state, not child actors: closing one is a single step on this actor's
 * thread, so no reading can slip in between the verdict and the close.
 */
public final class Gateway extends AbstractBehavior<Gateway.Command> {

    public sealed interface Command {
    }

    /** A device asks for a challenge to sign in its hello. */
    public record IssueChallenge(String deviceId, ActorRef<ChallengeIssued> replyTo) implements Command {
    }

    public record ChallengeIssued(String gatewayId, Hash challenge) {
    }

    /** A device's hello; {@code connection} is told if the gateway later closes the session. */
    public record OpenSession(DeviceHello hello, DeviceConnection connection, ActorRef<SessionAnswer> replyTo)
            implements Command {
    }

    public sealed interface SessionAnswer {
        /** The session is open; its id is the hello's challenge, which readings carry. */
        record Opened(Hash sessionId) implements SessionAnswer {
        }

        record Refused(String reason) implements SessionAnswer {
        }
    }

    public record SubmitReading(SignedReading reading, ActorRef<ReadingAnswer> replyTo) implements Command {
    }

    public sealed interface ReadingAnswer {
        record Accepted(long sequence) implements ReadingAnswer {
        }

        record Refused(String reason) implements ReadingAnswer {
        }
    }

    /** The device ends its own session. */
    public record EndSession(Hash sessionId) implements Command {
    }

    /** A third party asks for a device's data held here. */
    public record RequestData(DataRequest request, ActorRef<DataAnswer> replyTo) implements Command {
    }

    public sealed interface DataAnswer {
        /** The readings handed over, oldest first, and the consent that permitted it. */
        record Delivered(List<SignedReading> readings, String consentId) implements DataAnswer {
        }

        /** Nothing handed over, and why (the decision point's reason). */
        record Denied(String reason) implements DataAnswer {
        }
    }

    public record UpdatePolicy(GatewayPolicy policy) implements Command {
    }

    public record GetStatus(ActorRef<GatewayStatus> replyTo) implements Command {
    }

    /**
     * Which anchored batch holds record {@code sequence} of this gateway's stream, with its anchor transaction and
     * the height that committed it: what an audit proof of the record starts from (docs/contracts/trace.md).
     */
    public record FindAnchoredBatch(long sequence, ActorRef<AnchoredBatchAnswer> replyTo)
            implements Command, org.fogledger.ledger.wire.WireMessage {
    }

    /** Seals the pending trace records now and anchors them (also done every trace seal interval). */
    public enum SealTrace implements Command { INSTANCE }

    private record Notice(ExecutedBlockNotice notice) implements Command {
    }

    private record HelloChecked(OpenSession open, Optional<DeviceView> device, LegitimacyReading legitimacy,
                                EffectivePolicy effective, Throwable failure) implements Command {
    }

    /** The effective policy at {@code path} was read again (a block touched {@code policy/_}, or the re-check). */
    private record PolicyRead(String path, EffectivePolicy effective, Throwable failure) implements Command {
    }

    private record QuarantineDecided(String deviceId, SubmitResult result, Throwable failure) implements Command {
    }

    private record Metered(SharingMeter.Report report, SubmitResult result, Throwable failure) implements Command {
    }

    private record SharingLoaded(String deviceId, String note, SharingState state, Throwable failure)
            implements Command {
    }

    private record ServiceFailed(String deviceId, String sessionId, SubmitResult result, Throwable failure)
            implements Command {
    }

    private record Rechecked(Hash sessionId, LegitimacyReading legitimacy, Throwable failure) implements Command {
    }

    private enum RecheckAll implements Command { INSTANCE }

    private record Decided(RequestData request, long atMillis, Decision decision, EffectivePolicy effective,
                           SharingState sharing, Throwable failure) implements Command {
    }

    private record StreamLoaded(TraceStream stream, Throwable failure) implements Command {
    }

    private record StreamRegistered(SubmitResult result, Throwable failure) implements Command {
    }

    private enum LoadStream implements Command { INSTANCE }

    private record Anchored(TraceBatch batch, Transaction anchor, SubmitResult result, Throwable failure)
            implements Command {
    }

    private enum AnchorNext implements Command { INSTANCE }

    private static final String POLICY_ADDRESS = "policy/_";
    private static final String AUTHORITY_ADDRESS = "authority/_";
    private static final int MAX_CLOSED_REMEMBERED = 4096;
    /** Sealed batches waiting for their anchor; beyond this, readings and data requests are refused. */
    static final int MAX_UNANCHORED_BATCHES = 256;
    private static final int MAX_TOUCHED_REMEMBERED = 4096;
    private static final int READINGS_PER_DEVICE = 32;
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(1);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final StashBuffer<Command> stash;
    private final GatewaySettings settings;
    private final GatewayLedger ledger;
    private final Clock clock;
    private final SecureRandom random;
    private GatewayPolicy policy;
    private final Challenges challenges;
    private final Map<Hash, DeviceSession> sessions = new HashMap<>();
    private final Map<String, Hash> sessionOfDevice = new HashMap<>();
    /** Why each recently closed session was closed: later messages of it are refused with that reason. */
    private final LinkedHashMap<Hash, String> closedReasons = new LinkedHashMap<>();
    /** The latest height at which a notice said each registry address changed (for hellos in flight). */
    private final LinkedHashMap<String, Long> recentlyTouched = new LinkedHashMap<>(16, 0.75f, true);
    private final HeldReadings held;
    private final SharingMeter meter;
    /** Paths whose effective policy is being read, with the height to read again at when a notice came meanwhile. */
    private final Map<String, Long> policyReads = new HashMap<>();
    private long nextAgentNonce;
    private final ExecutedSubscription feed;
    private FlowTrail trail;
    /** Where anchored batches are kept for audit proofs; null when the gateway keeps none. */
    private final AnchoredBatchStore batches;
    private boolean anchoring;
    private long nextNonce;
    private long closedSessions;
    private long failedAuthentications;
    private long noticesReceived;
    private long anchoredBatches;
    private long unitsMetered;

    private Gateway(ActorContext<Command> context, TimerScheduler<Command> timers, StashBuffer<Command> stash,
                    GatewaySettings settings, GatewayLedger ledger, Clock clock, SecureRandom random,
                    AnchoredBatchStore batches) {
        super(context);
        this.batches = batches;
        this.context = context;
        this.timers = timers;
        this.stash = stash;
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
        this.random = random;
        this.policy = settings.policy();
        this.challenges = new Challenges(Math.max(1024, settings.maxSessions()),
                settings.challengeLifetime().toMillis());
        this.held = new HeldReadings(READINGS_PER_DEVICE, Math.max(1024, settings.maxSessions()));
        this.meter = new SharingMeter(Math.max(1024, settings.maxSessions()), settings.meterBatchUnits(),
                Math.max(1, clock.millis()));
        // Nonces are replay guards, not an order (docs/CONSENSUS.md): starting from the clock keeps a restarted
        // gateway clear of the nonces it used before.
        this.nextNonce = clock.millis() * 1000;
        this.nextAgentNonce = clock.millis() * 1000;
        this.feed = ledger.follow(context.messageAdapter(ExecutedBlockNotice.class, Notice::new));
        timers.startTimerWithFixedDelay(RecheckAll.INSTANCE, RecheckAll.INSTANCE, settings.recheckInterval());
        context.getSelf().tell(LoadStream.INSTANCE);
    }

    public static Behavior<Command> create(GatewaySettings settings, GatewayLedger ledger) {
        return create(settings, ledger, Clock.systemUTC(), new SecureRandom());
    }

    public static Behavior<Command> create(GatewaySettings settings, GatewayLedger ledger, Clock clock,
                                           SecureRandom random) {
        return create(settings, ledger, clock, random, null);
    }

    /** A gateway that keeps its anchored batches in {@code batches} (null: it keeps none, and serves no proofs). */
    public static Behavior<Command> create(GatewaySettings settings, GatewayLedger ledger, Clock clock,
                                           SecureRandom random, AnchoredBatchStore batches) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ledger, "ledger");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(10_000,
                stash -> new Gateway(context, timers, stash, settings, ledger, clock, random, batches))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(LoadStream.class, load -> loadStream())
                .onMessage(StreamLoaded.class, this::onStreamLoaded)
                .onMessage(StreamRegistered.class, this::onStreamRegistered)
                .onMessage(Notice.class, this::onNotice)
                .onMessage(Rechecked.class, this::onRechecked)
                .onMessage(RecheckAll.class, this::onRecheckAll)
                .onMessage(IssueChallenge.class, this::onIssueChallenge)
                .onMessage(OpenSession.class, this::whenReady)
                .onMessage(HelloChecked.class, this::onHelloChecked)
                .onMessage(SubmitReading.class, this::whenReady)
                .onMessage(EndSession.class, this::onEndSession)
                .onMessage(RequestData.class, this::whenReady)
                .onMessage(Decided.class, this::onDecided)
                .onMessage(UpdatePolicy.class, this::onUpdatePolicy)
                .onMessage(PolicyRead.class, this::onPolicyRead)
                .onMessage(QuarantineDecided.class, this::onQuarantineDecided)
                .onMessage(Metered.class, this::onMetered)
                .onMessage(SharingLoaded.class, this::onSharingLoaded)
                .onMessage(ServiceFailed.class, this::onServiceFailed)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(FindAnchoredBatch.class, this::onFindAnchoredBatch)
                .onMessage(SealTrace.class, this::onSealTrace)
                .onMessage(AnchorNext.class, this::anchorNext)
                .onMessage(Anchored.class, this::onAnchored)
                .onSignal(PostStop.class, stop -> {
                    feed.close();
                    return this;
                })
                .build();
    }

    /** Messages that record trace need the stream's position; until it is read from the ledger they wait. */
    private Behavior<Command> whenReady(Command command) {
        if (trail == null) {
            if (stash.isFull()) {
                context.getLog().warn("gateway {} not ready yet and its stash is full: dropping {}",
                        settings.gatewayId(), command.getClass().getSimpleName());
                return this;
            }
            stash.stash(command);
            return this;
        }
        if (command instanceof OpenSession open) {
            return onOpenSession(open);
        }
        if (trail.awaitingAnchor() >= MAX_UNANCHORED_BATCHES) {
            // Flows that cannot be traced do not happen: the trail is bounded, so data stops until anchors go out.
            String reason = "traceability backlog: " + trail.awaitingAnchor() + " batches await anchoring on the "
                    + "ledger";
            if (command instanceof SubmitReading reading) {
                reading.replyTo().tell(new ReadingAnswer.Refused(reason));
            } else if (command instanceof RequestData request) {
                request.replyTo().tell(new DataAnswer.Denied(reason));
            }
            return this;
        }
        if (command instanceof SubmitReading reading) {
            return onReading(reading);
        }
        if (command instanceof RequestData request) {
            return onRequestData(request);
        }
        throw new IllegalStateException("not a data-path command: " + command);
    }

    // -----------------------------------------------------------------------------------------------------------
    // The trace stream: read its position, register it if nobody has

    private Behavior<Command> loadStream() {
        context.pipeToSelf(ledger.traceStream(settings.gatewayId()), StreamLoaded::new);
        return this;
    }

    private Behavior<Command> onStreamLoaded(StreamLoaded loaded) {
        if (loaded.failure() != null) {
            context.getLog().warn("gateway {} cannot read its trace stream yet: {}", settings.gatewayId(),
                    unwrap(loaded.failure()).toString());
            timers.startSingleTimer(LoadStream.INSTANCE, LoadStream.INSTANCE, RETRY);
            return this;
        }
        if (loaded.stream() instanceof TraceStream.Registered registered) {
            if (!registered.gateway().equals(settings.key().publicKey())) {
                // Records are still kept; the owner must set this gateway's key before its anchors count.
                context.getLog().error("gateway {}: trace stream {} names gateway key {}, not this gateway's {}; "
                                + "its anchors will be refused until the stream's owner runs set-gateway",
                        settings.gatewayId(), settings.gatewayId(), registered.gateway().keyId().shortHex(),
                        settings.key().publicKey().keyId().shortHex());
            }
            trail = new FlowTrail(settings.gatewayId(), settings.key().publicKey(), settings.traceBatchSize(),
                    registered.nextSequence(), registered.lastRoot());
            timers.startTimerWithFixedDelay(SealTrace.INSTANCE, SealTrace.INSTANCE, settings.traceSealInterval());
            context.getLog().info("gateway {} ready: trace stream at sequence {}", settings.gatewayId(),
                    registered.nextSequence());
            return stash.unstashAll(this);
        }
        Transaction register = Transaction.sign(settings.key(), settings.chainId(), nextNonce++,
                "trace/" + settings.gatewayId(), TraceContract.REGISTER,
                ContractJson.write(new GatewayCommand(settings.key().publicKey())));
        context.pipeToSelf(ledger.submit(register), StreamRegistered::new);
        return this;
    }

    private Behavior<Command> onStreamRegistered(StreamRegistered registered) {
        if (registered.failure() != null || !(registered.result() instanceof SubmitResult.Committed committed)
                || committed.receipt().status() != ReceiptStatus.COMMITTED_OK) {
            context.getLog().warn("gateway {} could not register its trace stream: {}", settings.gatewayId(),
                    registered.failure() != null ? unwrap(registered.failure()).toString() : registered.result());
        }
        // Read the stream again either way: registered by us, by its owner meanwhile, or still to do.
        timers.startSingleTimer(LoadStream.INSTANCE, LoadStream.INSTANCE, java.time.Duration.ofMillis(10));
        return this;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Opening a session

    private Behavior<Command> onIssueChallenge(IssueChallenge issue) {
        byte[] nonce = new byte[Hash.LENGTH];
        random.nextBytes(nonce);
        Hash challenge = Hash.of(nonce);
        challenges.issue(challenge, Objects.requireNonNull(issue.deviceId(), "deviceId"), clock.millis());
        issue.replyTo().tell(new ChallengeIssued(settings.gatewayId(), challenge));
        return this;
    }

    private Behavior<Command> onOpenSession(OpenSession open) {
        DeviceHello hello = open.hello();
        long now = clock.millis();
        if (!hello.gatewayId().equals(settings.gatewayId())) {
            failedAuthentications++;
            return refuse(open, "hello is for gateway '" + hello.gatewayId() + "', this is '"
                    + settings.gatewayId() + "'");
        }
        String challengeRefusal = challenges.consume(hello.challenge(), hello.deviceId(), now);
        if (challengeRefusal != null) {
            failedAuthentications++;
            return refuse(open, challengeRefusal);
        }
        if (Math.abs(hello.timeMillis() - now) > settings.maxClockSkew().toMillis()) {
            return refuse(open, "hello time " + hello.timeMillis() + " is more than "
                    + settings.maxClockSkew().toMillis() + " ms from the gateway's clock " + now);
        }
        String device = hello.deviceId();
        // The policy that governs the device is the one at its place, which the registry's record gives.
        CompletionStage<HelloChecked> checked = ledger.device(device).thenCompose(view -> {
            CompletionStage<EffectivePolicy> effective = view.isPresent() && view.get().location() != null
                    ? ledger.effectivePolicy(view.get().location(), 0) : CompletableFuture.completedFuture(null);
            return effective.thenCombine(ledger.legitimacy(device, 0),
                    (policyThere, legitimacy) -> new HelloChecked(open, view, legitimacy, policyThere, null));
        });
        context.pipeToSelf(checked,
                (done, failure) -> failure != null ? new HelloChecked(open, null, null, null, failure) : done);
        return this;
    }

    private Behavior<Command> onHelloChecked(HelloChecked checked) {
        OpenSession open = checked.open();
        DeviceHello hello = open.hello();
        if (checked.failure() != null) {
            return refuse(open, "the registry or the policy could not be read: "
                    + unwrap(checked.failure()).getMessage());
        }
        if (checked.device().isEmpty()) {
            return refuse(open, "device " + hello.deviceId() + " is not registered");
        }
        DeviceView device = checked.device().get();
        if (!hello.verifiesUnder(device.deviceKey())) {
            failedAuthentications++;
            return refuse(open, "hello signature does not verify under the registered key of " + hello.deviceId());
        }
        if (!checked.legitimacy().admitted()) {
            return refuse(open, checked.legitimacy().describe());
        }
        DevicePolicy devicePolicy = PolicyMapping.map(policy, checked.effective());
        String firmware = devicePolicy.firmwareRefusal(hello.firmware());
        if (firmware != null) {
            return refuse(open, firmware);
        }
        Hash previous = sessionOfDevice.get(hello.deviceId());
        if (previous != null) {
            close(sessions.get(previous), "replaced by a new session");
        }
        if (sessions.size() >= settings.maxSessions()) {
            return refuse(open, "gateway " + settings.gatewayId() + " has " + settings.maxSessions()
                    + " sessions open, its limit");
        }
        DeviceSession session = new DeviceSession(hello.challenge(), hello.deviceId(), device.deviceKey(),
                device.owner(), open.connection(), checked.legitimacy().height(), device.location(), devicePolicy);
        session.firmware = hello.firmware();
        session.effective = checked.effective();
        sessions.put(session.sessionId, session);
        sessionOfDevice.put(session.deviceId, session.sessionId);
        open.replyTo().tell(new SessionAnswer.Opened(session.sessionId));
        Long touched = recentlyTouched.get(registryAddress(session.deviceId));
        if (touched != null && touched > session.openedAtHeight) {
            // The registry record changed after the verdict the session was opened on.
            recheck(session, touched);
        }
        return this;
    }

    private Behavior<Command> refuse(OpenSession open, String reason) {
        open.replyTo().tell(new SessionAnswer.Refused(reason));
        return this;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Readings

    private Behavior<Command> onReading(SubmitReading submit) {
        SignedReading reading = submit.reading();
        DeviceSession session = sessions.get(reading.sessionId());
        if (session == null) {
            String closed = closedReasons.get(reading.sessionId());
            submit.replyTo().tell(new ReadingAnswer.Refused(closed != null ? "session closed: " + closed
                    : "no open session " + reading.sessionId().shortHex()));
            return this;
        }
        long now = clock.millis();
        DeviceSession.ReadingOutcome outcome = session.check(reading, session.policy, now);
        if (outcome instanceof DeviceSession.ReadingOutcome.Refused refused) {
            submit.replyTo().tell(new ReadingAnswer.Refused(refused.reason()));
            if (refused.failedAuthentication()) {
                failedAuthentications++;
                if (session.failedAuthentications() >= session.policy.quarantineAfter()) {
                    close(session, "quarantined: " + session.failedAuthentications() + " failed authentications");
                    decideQuarantine(session);
                }
            }
            return this;
        }
        held.add(session.owner, session.path, reading);
        trail.collected(reading, session.deviceKey, now);
        submit.replyTo().tell(new ReadingAnswer.Accepted(reading.sequence()));
        return anchorIfSealed();
    }

    private Behavior<Command> onEndSession(EndSession end) {
        DeviceSession session = sessions.get(end.sessionId());
        if (session != null) {
            remove(session, "ended by the device");
        }
        return this;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Enforcement: notices, re-checks, closing

    private Behavior<Command> onNotice(Notice message) {
        ExecutedBlockNotice notice = message.notice();
        noticesReceived++;
        for (String address : notice.touched()) {
            if (address.startsWith("registry/")) {
                recentlyTouched.merge(address, notice.height(), Math::max);
            }
        }
        while (recentlyTouched.size() > MAX_TOUCHED_REMEMBERED) {
            Iterator<String> eldest = recentlyTouched.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        for (DeviceSession session : List.copyOf(sessions.values())) {
            if (notice.mayHaveTouched(registryAddress(session.deviceId))) {
                recheck(session, notice.height());
            }
        }
        if (notice.mayHaveTouched(POLICY_ADDRESS)) {
            refreshPolicies(notice.height());
        }
        return this;
    }

    private Behavior<Command> onRecheckAll(RecheckAll tick) {
        for (DeviceSession session : List.copyOf(sessions.values())) {
            recheck(session, 0);
        }
        refreshPolicies(0);
        return this;
    }

    /** Reads the device's legitimacy at {@code atLeastHeight} or later; one read per session at a time. */
    private void recheck(DeviceSession session, long atLeastHeight) {
        if (session.checking) {
            session.recheckAtLeast = Math.max(session.recheckAtLeast, atLeastHeight);
            return;
        }
        session.checking = true;
        Hash id = session.sessionId;
        context.pipeToSelf(ledger.legitimacy(session.deviceId, atLeastHeight),
                (legitimacy, failure) -> new Rechecked(id, legitimacy, failure));
    }

    private Behavior<Command> onRechecked(Rechecked rechecked) {
        DeviceSession session = sessions.get(rechecked.sessionId());
        if (session == null) {
            return this;
        }
        session.checking = false;
        if (rechecked.failure() != null) {
            // The next notice or the periodic re-check reads again.
            context.getLog().warn("gateway {} could not re-check device {}: {}", settings.gatewayId(),
                    session.deviceId, unwrap(rechecked.failure()).getMessage());
        } else if (!rechecked.legitimacy().admitted()) {
            String reason = rechecked.legitimacy().describe();
            close(session, reason);
            failSharingSessions(session.deviceId, reason);
            return this;
        }
        if (session.recheckAtLeast >= 0) {
            long again = session.recheckAtLeast;
            session.recheckAtLeast = -1;
            recheck(session, again);
        }
        return this;
    }

    /** The gateway closes the session: the device's connection is told, later messages refused with the reason. */
    private void close(DeviceSession session, String reason) {
        closedSessions++;
        remove(session, reason);
        context.getLog().info("gateway {} closed the session of device {}: {}", settings.gatewayId(),
                session.deviceId, reason);
        session.connection.sessionClosed(reason);
    }

    private void remove(DeviceSession session, String reason) {
        sessions.remove(session.sessionId);
        sessionOfDevice.remove(session.deviceId, session.sessionId);
        closedReasons.put(session.sessionId, reason);
        while (closedReasons.size() > MAX_CLOSED_REMEMBERED) {
            Iterator<Hash> eldest = closedReasons.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static String registryAddress(String deviceId) {
        return "registry/" + deviceId;
    }

    // -----------------------------------------------------------------------------------------------------------
    // The ledger's policies: read at each open session's place, again whenever a block touches policy/_

    private Behavior<Command> onUpdatePolicy(UpdatePolicy update) {
        policy = Objects.requireNonNull(update.policy(), "policy");
        for (DeviceSession session : List.copyOf(sessions.values())) {
            applyPolicy(session, PolicyMapping.map(policy, session.effective));
        }
        return this;
    }

    /** Reads the effective policy of every open session's place, at {@code atLeastHeight} or later; one per path. */
    private void refreshPolicies(long atLeastHeight) {
        java.util.TreeSet<String> paths = new java.util.TreeSet<>();
        for (DeviceSession session : sessions.values()) {
            if (session.path != null) {
                paths.add(session.path);
            }
        }
        for (String path : paths) {
            Long inFlight = policyReads.get(path);
            if (inFlight != null) {
                policyReads.put(path, Math.max(inFlight, atLeastHeight));
                continue;
            }
            policyReads.put(path, -1L);
            context.pipeToSelf(ledger.effectivePolicy(path, atLeastHeight),
                    (effective, failure) -> new PolicyRead(path, effective, failure));
        }
    }

    private Behavior<Command> onPolicyRead(PolicyRead read) {
        Long again = policyReads.remove(read.path());
        if (read.failure() != null) {
            // The policy in force stays; the next notice or re-check reads again.
            context.getLog().warn("gateway {} could not read the policy at {}: {}", settings.gatewayId(),
                    read.path(), unwrap(read.failure()).getMessage());
        } else {
            DevicePolicy mapped = PolicyMapping.map(policy, read.effective());
            for (DeviceSession session : List.copyOf(sessions.values())) {
                if (read.path().equals(session.path)) {
                    session.effective = read.effective();
                    applyPolicy(session, mapped);
                }
            }
        }
        if (again != null && again >= 0) {
            refreshPolicies(again);
        }
        return this;
    }

    /** A session under a new policy: a firmware minimum raised above the device's closes it. */
    private void applyPolicy(DeviceSession session, DevicePolicy mapped) {
        session.policy = mapped;
        String firmware = mapped.firmwareRefusal(session.firmware);
        if (firmware != null) {
            close(session, firmware);
        }
    }

    /** With a site agent's key, the gateway's quarantine becomes the agent's decision on the ledger. */
    private void decideQuarantine(DeviceSession session) {
        if (settings.agentKey() == null) {
            context.getLog().info("gateway {} has no agent key: the quarantine of {} stays local",
                    settings.gatewayId(), session.deviceId);
            return;
        }
        String note = "gateway " + settings.gatewayId() + ": " + session.failedAuthentications()
                + " failed authentications (threshold " + session.policy.quarantineAfter() + ", "
                + session.policy.quarantineSource() + ")";
        if (note.length() > 280) {
            note = note.substring(0, 280);
        }
        Transaction decide = Transaction.sign(settings.agentKey(), settings.chainId(), nextAgentNonce++,
                AUTHORITY_ADDRESS, "decide", ContractJson.write(new AuthorityCommand.Decide(session.deviceId,
                        DecisionAction.QUARANTINE, note)));
        String deviceId = session.deviceId;
        context.pipeToSelf(ledger.submit(decide),
                (result, failure) -> new QuarantineDecided(deviceId, result, failure));
    }

    private Behavior<Command> onQuarantineDecided(QuarantineDecided decided) {
        if (decided.failure() == null && decided.result() instanceof SubmitResult.Committed committed
                && committed.receipt().status() == ReceiptStatus.COMMITTED_OK) {
            context.getLog().info("gateway {}: quarantine of {} decided on the ledger", settings.gatewayId(),
                    decided.deviceId());
        } else {
            // Not retried: the session is closed anyway, and a failed decision is the agent's to make again.
            context.getLog().warn("gateway {}: the quarantine decision for {} was not committed: {}",
                    settings.gatewayId(), decided.deviceId(), decided.failure() != null
                            ? unwrap(decided.failure()).toString() : describe(decided.result()));
        }
        return this;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Metering sharing sessions: delivered readings are units, reported to sharing/<deviceId>

    private void report(SharingMeter.Report report) {
        Transaction meterTx = Transaction.sign(settings.key(), settings.chainId(), nextNonce++,
                "sharing/" + report.deviceId(), "meter", ContractJson.write(new SharingCommand.Meter(
                        report.sessionId(), report.units(), report.reportSeq())));
        context.pipeToSelf(ledger.submit(meterTx), (result, failure) -> new Metered(report, result, failure));
    }

    private Behavior<Command> onMetered(Metered metered) {
        SharingMeter.Report report = metered.report();
        if (metered.failure() == null && metered.result() instanceof SubmitResult.Committed committed) {
            meter.settled(report);
            if (committed.receipt().status() == ReceiptStatus.COMMITTED_OK) {
                unitsMetered += report.units();
            } else {
                // The contract refused it (session ended or expired, not this gateway's): it will not accept later.
                context.getLog().warn("gateway {}: sharing/{} refused {} units of session {}: {}",
                        settings.gatewayId(), report.deviceId(), report.units(), report.sessionId(),
                        describe(committed));
            }
            return this;
        }
        // Not committed: the units go into the next report (a fresh sequence, so no replay is refused).
        meter.restore(report);
        return this;
    }

    /** The device was blocked: its open sharing sessions that name this gateway end as failed, usage reported first. */
    private void failSharingSessions(String deviceId, String reason) {
        context.pipeToSelf(ledger.sharing(deviceId),
                (state, failure) -> new SharingLoaded(deviceId, reason, state, failure));
    }

    private Behavior<Command> onSharingLoaded(SharingLoaded loaded) {
        if (loaded.failure() != null) {
            context.getLog().warn("gateway {} could not read sharing/{} to end its sessions: {}",
                    settings.gatewayId(), loaded.deviceId(), unwrap(loaded.failure()).getMessage());
            return this;
        }
        String note = "gateway " + settings.gatewayId() + " closed the device's session: " + loaded.note();
        if (note.length() > 200) {
            note = note.substring(0, 200);
        }
        for (Session open : loaded.state().open().values()) {
            if (open.status() != SessionStatus.OPEN || !open.gateways().contains(settings.key().publicKey())) {
                continue;
            }
            SharingMeter.Report pending = meter.drain(loaded.deviceId(), open.id());
            if (pending != null) {
                // The session ends here: its budget is no longer asked about, so nothing waits for the answer.
                meter.settled(pending);
            }
            Transaction failed = Transaction.sign(settings.key(), settings.chainId(),
                    pending == null ? nextNonce++ : nextNonce + 1, "sharing/" + loaded.deviceId(),
                    "service-failed", ContractJson.write(new SharingCommand.ServiceFailed(open.id(), note)));
            CompletionStage<SubmitResult> done;
            if (pending != null) {
                // The owner is paid for what was delivered before the refund: the report goes first.
                Transaction meterTx = Transaction.sign(settings.key(), settings.chainId(), nextNonce,
                        "sharing/" + loaded.deviceId(), "meter", ContractJson.write(new SharingCommand.Meter(
                                pending.sessionId(), pending.units(), pending.reportSeq())));
                nextNonce += 2;
                done = ledger.submit(meterTx).handle((result, failure) -> null)
                        .thenCompose(ignored -> ledger.submit(failed));
            } else {
                done = ledger.submit(failed);
            }
            String sessionId = open.id();
            context.pipeToSelf(done,
                    (result, failure) -> new ServiceFailed(loaded.deviceId(), sessionId, result, failure));
        }
        return this;
    }

    private Behavior<Command> onServiceFailed(ServiceFailed failed) {
        if (failed.failure() == null && failed.result() instanceof SubmitResult.Committed committed
                && committed.receipt().status() == ReceiptStatus.COMMITTED_OK) {
            context.getLog().info("gateway {}: sharing session {} of {} ended as failed", settings.gatewayId(),
                    failed.sessionId(), failed.deviceId());
        } else {
            context.getLog().warn("gateway {}: service-failed for session {} of {} not committed: {}",
                    settings.gatewayId(), failed.sessionId(), failed.deviceId(), failed.failure() != null
                            ? unwrap(failed.failure()).toString() : describe(failed.result()));
        }
        return this;
    }

    private static String describe(SubmitResult result) {
        if (result instanceof SubmitResult.Committed committed) {
            return committed.receipt().resultCode() + " " + new String(committed.receipt().result(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(result);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Data to third parties: only on the owner's consent

    private Behavior<Command> onRequestData(RequestData message) {
        DataRequest request = message.request();
        PublicKey owner = held.owner(request.deviceId());
        if (owner == null) {
            message.replyTo().tell(new DataAnswer.Denied("no data of device " + request.deviceId()
                    + " is held at gateway " + settings.gatewayId()));
            return this;
        }
        long now = clock.millis();
        DecisionRequest question = new DecisionRequest(request.deviceId(), request.dataClass(), request.action(),
                request.purpose(), request.recipient(), now);
        String path = held.path(request.deviceId());
        // The newest committed policy at the device's place, asked at every request: no cache to go stale.
        CompletionStage<EffectivePolicy> effective = path == null ? CompletableFuture.completedFuture(null)
                : ledger.effectivePolicy(path, 0);
        CompletionStage<SharingState> sharing = request.sharingSessionId() == null
                ? CompletableFuture.completedFuture(null) : ledger.sharing(request.deviceId());
        record Facts(Decision decision, EffectivePolicy effective) {
        }
        CompletionStage<Decided> decided = ledger.decide(owner, question)
                .thenCombine(effective, Facts::new)
                .thenCombine(sharing, (facts, state) -> new Decided(message, now, facts.decision(),
                        facts.effective(), state, null));
        context.pipeToSelf(decided, (done, failure) -> failure != null
                ? new Decided(message, now, null, null, null, failure) : done);
        return this;
    }

    private Behavior<Command> onDecided(Decided decided) {
        DataRequest request = decided.request().request();
        ActorRef<DataAnswer> replyTo = decided.request().replyTo();
        long now = clock.millis();
        if (decided.failure() != null) {
            String reason = "the consent decision point, the policy or the sharing session could not be read: "
                    + unwrap(decided.failure()).getMessage();
            trail.denied(request, reason, null, now);
            replyTo.tell(new DataAnswer.Denied(reason));
            return anchorIfSealed();
        }
        // Deny overrides: a policy that denies the purpose or the recipient wins over any consent.
        String policyRefusal = PolicyMapping.map(policy, decided.effective()).sharingRefusal(request.purpose(),
                request.recipient());
        if (policyRefusal != null) {
            trail.denied(request, policyRefusal, null, now);
            replyTo.tell(new DataAnswer.Denied(policyRefusal));
            return anchorIfSealed();
        }
        Decision decision = decided.decision();
        if (!decision.permits()) {
            trail.denied(request, decision.reason(), decision.consentId(), now);
            replyTo.tell(new DataAnswer.Denied(decision.reason()));
            return anchorIfSealed();
        }
        String sessionRefusal = request.sharingSessionId() == null ? null
                : sharingRefusal(request, decided.sharing());
        if (sessionRefusal != null) {
            trail.denied(request, sessionRefusal, decision.consentId(), now);
            replyTo.tell(new DataAnswer.Denied(sessionRefusal));
            return anchorIfSealed();
        }
        List<SignedReading> readings = held.of(request.deviceId(), request.dataClass());
        if (request.sharingSessionId() != null) {
            // No more units than the escrow pays for: the ledger's paid units and this gateway's unreported ones.
            Session paidFor = decided.sharing().session(request.sharingSessionId());
            long left = paidFor.unitsBudget() - paidFor.unitsPaid() - paidFor.unitsOverrun()
                    - meter.outstanding(request.deviceId(), request.sharingSessionId());
            if (left <= 0) {
                String reason = "sharing session '" + request.sharingSessionId() + "' has used its budget of "
                        + paidFor.unitsBudget() + " units";
                trail.denied(request, reason, decision.consentId(), now);
                replyTo.tell(new DataAnswer.Denied(reason));
                return anchorIfSealed();
            }
            if (readings.size() > left) {
                readings = List.copyOf(readings.subList(readings.size() - (int) left, readings.size()));
            }
        }
        for (SignedReading reading : readings) {
            trail.shared(reading, request, decision.consentId(), now);
        }
        if (request.sharingSessionId() != null && !readings.isEmpty()) {
            if (!meter.hasRoomFor(request.deviceId(), request.sharingSessionId())) {
                meter.drainAll().forEach(this::report);
            }
            SharingMeter.Report due = meter.count(request.deviceId(), request.sharingSessionId(), readings.size());
            if (due != null) {
                report(due);
            }
        }
        replyTo.tell(new DataAnswer.Delivered(readings, decision.consentId()));
        return anchorIfSealed();
    }

    /** Null when the sharing session lets this recipient be served here; else why not. */
    private String sharingRefusal(DataRequest request, SharingState state) {
        Session session = state.session(request.sharingSessionId());
        String id = request.sharingSessionId();
        if (session == null) {
            return "sharing/" + request.deviceId() + " has no session '" + id + "'";
        }
        if (session.status() != SessionStatus.OPEN) {
            return "sharing session '" + id + "' is " + session.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!session.gateways().contains(settings.key().publicKey())) {
            return "sharing session '" + id + "' does not name gateway " + settings.gatewayId()
                    + " to meter it";
        }
        if (!session.consumer().equals(Accounts.of(request.recipient().key()))) {
            return "sharing session '" + id + "' is paid by " + session.consumer() + ", not by the recipient "
                    + Accounts.of(request.recipient().key());
        }
        return null;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Anchoring trace batches, one at a time and in order (the contract refuses gaps and overlaps)

    private Behavior<Command> onSealTrace(SealTrace seal) {
        if (trail != null) {
            trail.seal();
        }
        meter.drainAll().forEach(this::report);
        return anchorIfSealed();
    }

    private Behavior<Command> anchorIfSealed() {
        return trail != null && trail.awaitingAnchor() > 0 && !anchoring ? anchorNext(AnchorNext.INSTANCE) : this;
    }

    private Behavior<Command> anchorNext(AnchorNext next) {
        if (anchoring || trail == null) {
            return this;
        }
        Optional<TraceBatch> batch = trail.nextToAnchor();
        if (batch.isEmpty()) {
            return this;
        }
        anchoring = true;
        TraceBatch toAnchor = batch.get();
        Transaction anchor = toAnchor.anchorTransaction(settings.key(), settings.chainId(), nextNonce++);
        context.pipeToSelf(ledger.submit(anchor), (result, failure) -> new Anchored(toAnchor, anchor, result,
                failure));
        return this;
    }

    private Behavior<Command> onAnchored(Anchored anchored) {
        anchoring = false;
        if (anchored.failure() == null && anchored.result() instanceof SubmitResult.Committed committed) {
            if (committed.receipt().status() == ReceiptStatus.COMMITTED_OK) {
                anchoredBatches++;
                keep(new AnchoredBatch(anchored.batch(), anchored.anchor(), committed.receipt().height(),
                        committed.blockHash()));
                trail.anchored(anchored.batch());
                return anchorIfSealed();
            }
            // The contract refused it (sequence-overlap after a crash, not-gateway): it will not accept it later.
            context.getLog().error("gateway {}: the trace contract refused batch {}: {} {}", settings.gatewayId(),
                    anchored.batch(), committed.receipt().resultCode(),
                    new String(committed.receipt().result(), java.nio.charset.StandardCharsets.UTF_8));
            trail.anchored(anchored.batch());
            return anchorIfSealed();
        }
        context.getLog().warn("gateway {}: anchoring {} failed, retrying: {}", settings.gatewayId(), anchored.batch(),
                anchored.failure() != null ? unwrap(anchored.failure()).toString() : anchored.result());
        timers.startSingleTimer(AnchorNext.INSTANCE, AnchorNext.INSTANCE, RETRY);
        return this;
    }

    /**
     * A failure to keep a batch does not stop the trail (the anchor is on the ledger either way); proofs of its
     * records are then answered {@code not-kept}.
     */
    private void keep(AnchoredBatch anchored) {
        if (batches == null) {
            return;
        }
        try {
            batches.keep(anchored);
        } catch (RuntimeException e) {
            context.getLog().error("gateway {}: could not keep anchored batch {} for audit proofs: {}",
                    settings.gatewayId(), anchored.batch(), e.toString());
        }
    }

    private Behavior<Command> onFindAnchoredBatch(FindAnchoredBatch find) {
        if (trail == null) {
            stash.stash(find);
            return this;
        }
        long sequence = find.sequence();
        long next = trail.nextSequence();
        if (sequence < 0 || sequence >= next) {
            find.replyTo().tell(new AnchoredBatchAnswer.Missing(AnchoredBatchAnswer.OUT_OF_RANGE, "stream '"
                    + settings.gatewayId() + "' has records 0.." + (next - 1) + "; there is no record " + sequence));
            return this;
        }
        if (sequence >= trail.firstUnanchored()) {
            find.replyTo().tell(new AnchoredBatchAnswer.Missing(AnchoredBatchAnswer.NOT_ANCHORED_YET, "record "
                    + sequence + " of stream '" + settings.gatewayId() + "' is not anchored yet (records from "
                    + trail.firstUnanchored() + " on await their anchor); ask again shortly"));
            return this;
        }
        if (batches == null) {
            find.replyTo().tell(new AnchoredBatchAnswer.Missing(AnchoredBatchAnswer.NOT_KEPT, "gateway '"
                    + settings.gatewayId() + "' keeps no anchored batches (it runs without a batch store)"));
            return this;
        }
        try {
            Optional<AnchoredBatch> found = batches.holding(sequence);
            find.replyTo().tell(found.<AnchoredBatchAnswer>map(AnchoredBatchAnswer.Found::of).orElseGet(() ->
                    new AnchoredBatchAnswer.Missing(AnchoredBatchAnswer.NOT_KEPT, "record " + sequence + " of stream '"
                            + settings.gatewayId() + "' was anchored, but its batch is not in " + batches.directory()
                            + " (anchored before this gateway kept batches, its file could not be written, or the contract refused its anchor)")));
        } catch (RuntimeException e) {
            context.getLog().error("gateway {}: {}", settings.gatewayId(), e.getMessage());
            find.replyTo().tell(new AnchoredBatchAnswer.Missing(AnchoredBatchAnswer.TRAIL_UNAVAILABLE,
                    String.valueOf(e.getMessage())));
        }
        return this;
    }

    // -----------------------------------------------------------------------------------------------------------

    private Behavior<Command> onGetStatus(GetStatus get) {
        TreeMap<String, String> open = new TreeMap<>();
        TreeMap<String, List<String>> policies = new TreeMap<>();
        sessions.values().forEach(session -> {
            open.put(session.deviceId, session.sessionId.hex());
            policies.put(session.deviceId, session.policy.policies());
        });
        get.replyTo().tell(new GatewayStatus(settings.gatewayId(), open, closedSessions, failedAuthentications,
                noticesReceived, trail == null ? 0 : trail.nextSequence(), trail == null ? 0 : trail.pending(),
                trail == null ? 0 : trail.awaitingAnchor(), anchoredBatches,
                trail == null ? List.of() : new ArrayList<>(trail.recent()), unitsMetered, meter.pendingUnits(),
                policies));
        return this;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
