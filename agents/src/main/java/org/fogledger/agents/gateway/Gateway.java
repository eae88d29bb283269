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
import java.util.concurrent.CompletionException;
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
import org.fogledger.ledger.contract.consent.DecisionRequest;
import org.fogledger.ledger.contract.registry.DeviceView;
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

    /** Seals the pending trace records now and anchors them (also done every trace seal interval). */
    public enum SealTrace implements Command { INSTANCE }

    private record Notice(ExecutedBlockNotice notice) implements Command {
    }

    private record HelloChecked(OpenSession open, Optional<DeviceView> device, LegitimacyReading legitimacy,
                                Throwable failure) implements Command {
    }

    private record Rechecked(Hash sessionId, LegitimacyReading legitimacy, Throwable failure) implements Command {
    }

    private enum RecheckAll implements Command { INSTANCE }

    private record Decided(RequestData request, long atMillis, Decision decision, Throwable failure)
            implements Command {
    }

    private record StreamLoaded(TraceStream stream, Throwable failure) implements Command {
    }

    private record StreamRegistered(SubmitResult result, Throwable failure) implements Command {
    }

    private enum LoadStream implements Command { INSTANCE }

    private record Anchored(TraceBatch batch, SubmitResult result, Throwable failure) implements Command {
    }

    private enum AnchorNext implements Command { INSTANCE }

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
    private final ExecutedSubscription feed;
    private FlowTrail trail;
    private boolean anchoring;
    private long nextNonce;
    private long closedSessions;
    private long failedAuthentications;
    private long noticesReceived;
    private long anchoredBatches;

    private Gateway(ActorContext<Command> context, TimerScheduler<Command> timers, StashBuffer<Command> stash,
                    GatewaySettings settings, GatewayLedger ledger, Clock clock, SecureRandom random) {
        super(context);
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
        // Nonces are replay guards, not an order (docs/CONSENSUS.md): starting from the clock keeps a restarted
        // gateway clear of the nonces it used before.
        this.nextNonce = clock.millis() * 1000;
        this.feed = ledger.follow(context.messageAdapter(ExecutedBlockNotice.class, Notice::new));
        timers.startTimerWithFixedDelay(RecheckAll.INSTANCE, RecheckAll.INSTANCE, settings.recheckInterval());
        context.getSelf().tell(LoadStream.INSTANCE);
    }

    public static Behavior<Command> create(GatewaySettings settings, GatewayLedger ledger) {
        return create(settings, ledger, Clock.systemUTC(), new SecureRandom());
    }

    public static Behavior<Command> create(GatewaySettings settings, GatewayLedger ledger, Clock clock,
                                           SecureRandom random) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ledger, "ledger");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> Behaviors.withStash(10_000,
                stash -> new Gateway(context, timers, stash, settings, ledger, clock, random))));
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
                .onMessage(UpdatePolicy.class, update -> {
                    policy = Objects.requireNonNull(update.policy(), "policy");
                    return this;
                })
                .onMessage(GetStatus.class, this::onGetStatus)
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
        context.pipeToSelf(ledger.device(device).thenCombine(ledger.legitimacy(device, 0),
                        (view, legitimacy) -> new HelloChecked(open, view, legitimacy, null)),
                (checked, failure) -> failure != null ? new HelloChecked(open, null, null, failure) : checked);
        return this;
    }

    private Behavior<Command> onHelloChecked(HelloChecked checked) {
        OpenSession open = checked.open();
        DeviceHello hello = open.hello();
        if (checked.failure() != null) {
            return refuse(open, "the registry could not be read: " + unwrap(checked.failure()).getMessage());
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
        String firmware = policy.firmwareRefusal(hello.firmware());
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
                device.owner(), open.connection(), checked.legitimacy().height());
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
        DeviceSession.ReadingOutcome outcome = session.check(reading, policy, now);
        if (outcome instanceof DeviceSession.ReadingOutcome.Refused refused) {
            submit.replyTo().tell(new ReadingAnswer.Refused(refused.reason()));
            if (refused.failedAuthentication()) {
                failedAuthentications++;
                if (session.failedAuthentications() >= policy.quarantineAfterFailedAuthentications()) {
                    close(session, "quarantined: " + session.failedAuthentications() + " failed authentications");
                }
            }
            return this;
        }
        held.add(session.owner, reading);
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
        return this;
    }

    private Behavior<Command> onRecheckAll(RecheckAll tick) {
        for (DeviceSession session : List.copyOf(sessions.values())) {
            recheck(session, 0);
        }
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
            close(session, rechecked.legitimacy().describe());
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
        context.pipeToSelf(ledger.decide(owner, question),
                (decision, failure) -> new Decided(message, now, decision, failure));
        return this;
    }

    private Behavior<Command> onDecided(Decided decided) {
        DataRequest request = decided.request().request();
        ActorRef<DataAnswer> replyTo = decided.request().replyTo();
        long now = clock.millis();
        if (decided.failure() != null) {
            String reason = "the consent decision point could not be read: "
                    + unwrap(decided.failure()).getMessage();
            trail.denied(request, reason, null, now);
            replyTo.tell(new DataAnswer.Denied(reason));
            return anchorIfSealed();
        }
        Decision decision = decided.decision();
        if (!decision.permits()) {
            trail.denied(request, decision.reason(), decision.consentId(), now);
            replyTo.tell(new DataAnswer.Denied(decision.reason()));
            return anchorIfSealed();
        }
        List<SignedReading> readings = held.of(request.deviceId(), request.dataClass());
        for (SignedReading reading : readings) {
            trail.shared(reading, request, decision.consentId(), now);
        }
        replyTo.tell(new DataAnswer.Delivered(readings, decision.consentId()));
        return anchorIfSealed();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Anchoring trace batches, one at a time and in order (the contract refuses gaps and overlaps)

    private Behavior<Command> onSealTrace(SealTrace seal) {
        if (trail != null) {
            trail.seal();
        }
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
        context.pipeToSelf(ledger.submit(anchor), (result, failure) -> new Anchored(toAnchor, result, failure));
        return this;
    }

    private Behavior<Command> onAnchored(Anchored anchored) {
        anchoring = false;
        if (anchored.failure() == null && anchored.result() instanceof SubmitResult.Committed committed) {
            if (committed.receipt().status() == ReceiptStatus.COMMITTED_OK) {
                anchoredBatches++;
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

    // -----------------------------------------------------------------------------------------------------------

    private Behavior<Command> onGetStatus(GetStatus get) {
        TreeMap<String, String> open = new TreeMap<>();
        sessions.values().forEach(session -> open.put(session.deviceId, session.sessionId.hex()));
        get.replyTo().tell(new GatewayStatus(settings.gatewayId(), open, closedSessions, failedAuthentications,
                noticesReceived, trail == null ? 0 : trail.nextSequence(), trail == null ? 0 : trail.pending(),
                trail == null ? 0 : trail.awaitingAnchor(), anchoredBatches,
                trail == null ? List.of() : new ArrayList<>(trail.recent())));
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
