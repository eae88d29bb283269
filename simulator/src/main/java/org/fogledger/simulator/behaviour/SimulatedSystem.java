package org.fogledger.simulator.behaviour;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.fogledger.agents.gateway.ClientGatewayLedger;
import org.fogledger.agents.gateway.Gateway;
import org.fogledger.agents.gateway.GatewayPolicy;
import org.fogledger.agents.gateway.GatewaySettings;
import org.fogledger.agents.mqtt.MqttIngress;
import org.fogledger.agents.mqtt.MqttSettings;
import org.fogledger.ledger.client.ClientSystem;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.client.LedgerClientSettings;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;
import org.fogledger.ledger.validator.ValidatorSettings;
import org.fogledger.simulator.engine.Behaviour;
import org.fogledger.simulator.fleet.FleetSpec;
import org.fogledger.simulator.engine.Outcome;
import org.fogledger.simulator.fleet.Fleet;
import org.fogledger.simulator.report.CheckResult;

/**
 * The system a simulation drives, and the behaviours that drive it. {@link #embedded} starts in this JVM what
 * {@code fogledger demo} starts (four validators on H2 under the data dir, the root operator named at genesis) plus
 * a gateway on a client member of their cluster, optionally with its MQTT ingress; {@link #remote} joins a running
 * local fog ({@code fogledger fog up}) as a client member and reaches its gateway through the broker. Either way the
 * simulator then delegates its region and site agents with the root operator's key, and {@link #behaviour} gives the
 * operations the engine starts; {@link #finalChecks} verifies what the run acknowledged and refused.
 */
public final class SimulatedSystem implements AutoCloseable {
    public static final String CHAIN_ID = "fogledger-sim";
    public static final String GATEWAY_ID = "sim-gw";
    /**
     * The cluster settings of a fog's members (the agents' split-brain resolver, {@code AgentNode.DOWNING}): every
     * member must run them to be let in, so the simulator's own members do too, and so does the embedded system's
     * cluster, which then looks to a remote simulator exactly like a fog.
     */
    public static final Config FOG_MEMBERSHIP = ConfigFactory.parseString(org.fogledger.agents.AgentNode.DOWNING);
    private static final int VALIDATORS = 4;
    private static final Duration SETUP = Duration.ofSeconds(120);

    /** Every kind {@link #behaviour} knows, in the order the docs list them. */
    public static final List<String> KINDS = List.of(RegisterBehaviour.KIND, TelemetryBehaviour.KIND,
            ConsentGrantBehaviour.KIND, ConsentWithdrawBehaviour.KIND, DataRequestBehaviour.KIND,
            LifecycleBehaviour.KIND, ConflictingDecisionsBehaviour.KIND, ChurnBehaviour.KIND,
            UnregisteredDeviceBehaviour.KIND, ForgedSignatureBehaviour.KIND, ReplayBehaviour.KIND,
            FloodBehaviour.KIND);

    private final Parts parts;
    private final List<AutoCloseable> closers;
    /** The embedded system's genesis and root operator; null for a remote one. */
    private final Genesis genesis;
    private final KeyPair root;

    private SimulatedSystem(Parts parts, List<AutoCloseable> closers, Genesis genesis, KeyPair root) {
        this.parts = parts;
        this.closers = closers;
        this.genesis = genesis;
        this.root = root;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Starting

    /** {@link #embedded(FleetSpec, Path, SystemOptions)} with {@link SystemOptions#defaults()} (no MQTT). */
    public static SimulatedSystem embedded(FleetSpec spec, Path dataDir) {
        return embedded(spec, dataDir, SystemOptions.defaults());
    }

    /**
     * Starts four validators (keys and H2 journals under {@code dataDir}/v0..v3, created on the first run and
     * reused), a client member with the gateway {@value #GATEWAY_ID} and, when {@code options} name a broker, its MQTT
     * ingress; then delegates the fleet's agents. Fails with what went wrong; anything started is stopped again.
     */
    public static SimulatedSystem embedded(FleetSpec spec, Path dataDir, SystemOptions options) {
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            List<KeyPair> keys = new ArrayList<>();
            for (int i = 0; i < VALIDATORS; i++) {
                keys.add(loadOrCreateKey(dir.resolve("v" + i).resolve("validator.key")));
            }
            KeyPair root = loadOrCreateKey(dir.resolve("root-operator.key"));
            KeyPair gatewayKey = loadOrCreateKey(dir.resolve("gateway.key"));
            Genesis genesis = new Genesis(CHAIN_ID, Genesis.onLoopback(CHAIN_ID, keys.stream().map(KeyPair::publicKey)
                    .toList()).validators(), List.of(), List.of(root.publicKey()));
            for (int i = 0; i < VALIDATORS; i++) {
                String name = "v" + i;
                ValidatorSettings settings = ValidatorSettings.defaults(keys.get(i), genesis.validatorSet(), CHAIN_ID)
                        .withContracts(genesis.contracts());
                ValidatorNode node = ValidatorNode.start(genesis, settings, JournalSettings.prepare(name,
                        new StorageChoice.H2(dir.resolve(name), 4)), FOG_MEMBERSHIP);
                closers.add(node::close);
            }
            return withGateway(spec, genesis, root, gatewayKey, options, closers, FOG_MEMBERSHIP);
        } catch (Exception | Error e) {
            closeAll(closers);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("the embedded system did not "
                    + "start: " + e.getMessage(), e);
        }
    }

    /**
     * Joins the running cluster of {@code genesis} (validators started elsewhere in this JVM or on this host, such
     * as the demo's) as a client member with the gateway {@value #GATEWAY_ID} (key under {@code dataDir}) and, when
     * {@code options} name a broker, its MQTT ingress; then delegates the fleet's agents with {@code root}. Closing
     * it stops only what it started. {@code membership} must hold the cluster settings every member of that cluster
     * shares (Pekko refuses a member whose downing provider differs): empty for the demo's validators,
     * {@link #FOG_MEMBERSHIP} for a fog's.
     */
    public static SimulatedSystem attached(FleetSpec spec, Genesis genesis, KeyPair root, Path dataDir,
                                           SystemOptions options, Config membership) {
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            KeyPair gatewayKey = loadOrCreateKey(dataDir.toAbsolutePath().normalize().resolve("gateway.key"));
            return withGateway(spec, genesis, root, gatewayKey, options, closers, membership);
        } catch (Exception | Error e) {
            closeAll(closers);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("joining the cluster failed: "
                    + e.getMessage(), e);
        }
    }

    /** A client member of {@code genesis}'s cluster with the gateway and its optional MQTT ingress, assembled. */
    private static SimulatedSystem withGateway(FleetSpec spec, Genesis genesis, KeyPair root, KeyPair gatewayKey,
                                               SystemOptions options, List<AutoCloseable> closers, Config membership)
            throws Exception {
        String chainId = genesis.chainId();
        ActorSystem<Void> system = ClientSystem.start(genesis, "127.0.0.1", 0, membership);
        closers.add(system::terminate);
        LedgerClient client = joinValidators(system, options, closers);
        GatewaySettings gatewaySettings = new GatewaySettings(GATEWAY_ID, chainId, gatewayKey,
                GatewayPolicy.defaults().withMaxReadingsPerSecond(options.maxReadingsPerSecond()),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), options.gatewaySessions(),
                64, Duration.ofSeconds(2), null, 100);
        ActorRef<Gateway.Command> gateway = system.systemActorOf(Gateway.create(gatewaySettings,
                new ClientGatewayLedger(client, 2)), GATEWAY_ID, Props.empty());
        if (options.mqttUri() != null) {
            MqttIngress ingress = MqttIngress.start(MqttSettings.defaults(options.mqttUri(), "fogledger-gateway-"
                    + GATEWAY_ID + "-" + UUID.randomUUID().toString().substring(0, 8), options.topicPrefix()),
                    gateway, system.scheduler());
            closers.add(ingress);
        }
        return assemble(spec, chainId, options, system, client, gateway, root, closers, genesis);
    }

    /**
     * Joins the local fog whose data directory is {@code fogDataDir} ({@code data/local-fog}: its
     * {@code genesis.conf} names the validators and {@code keys/root.key} is the root operator's key, see README
     * "Operating a local fog") as a client member, and reaches its gateway over MQTT ({@code options.mqttUri()} and
     * the gateway's {@code topicPrefix}, {@code fogledger-gw-a0} for node a0). Only MQTT transports are available:
     * the gateway actor is in another process, so {@code data-request} is not.
     */
    public static SimulatedSystem remote(FleetSpec spec, Path fogDataDir, SystemOptions options) {
        if (options.mqttUri() == null) {
            throw new IllegalArgumentException("a remote system is reached through its gateway's MQTT ingress: "
                    + "give the broker (SystemOptions.withMqtt)");
        }
        Path genesisFile = fogDataDir.resolve("genesis.conf");
        Path rootKeyFile = fogDataDir.resolve("keys").resolve("root.key");
        if (!Files.isRegularFile(genesisFile) || !Files.isRegularFile(rootKeyFile)) {
            throw new IllegalArgumentException(fogDataDir.toAbsolutePath() + " is not a local fog's data directory: "
                    + "it needs genesis.conf and keys/root.key (written by `fogledger fog up`)");
        }
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            Genesis genesis = Genesis.fromConfig(ConfigFactory.parseFile(genesisFile.toFile()).resolve());
            KeyPair root = Pem.readPrivateKey(Files.readString(rootKeyFile, StandardCharsets.US_ASCII));
            if (!genesis.rootOperators().contains(root.publicKey())) {
                throw new IllegalArgumentException(rootKeyFile + " is not a root operator of the genesis in "
                        + genesisFile);
            }
            ActorSystem<Void> system = ClientSystem.start(genesis, "127.0.0.1", 0, FOG_MEMBERSHIP);
            closers.add(system::terminate);
            LedgerClient client = joinValidators(system, options, closers);
            return assemble(spec, genesis.chainId(), options, system, client, null, root, closers, null);
        } catch (IOException e) {
            closeAll(closers);
            throw new IllegalStateException("cannot read the local fog in " + fogDataDir + ": " + e.getMessage(), e);
        } catch (Exception | Error e) {
            closeAll(closers);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("joining the local fog failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Options for the local fog of config/local-fog: the broker on 127.0.0.1:1883, node a0's gateway, its default
     * policy (50 readings a second) and session limit (10,000).
     */
    public static SystemOptions localFogOptions() {
        return SystemOptions.defaults().withMqtt("tcp://127.0.0.1:1883", "fogledger-gw-a0")
                .withMaxReadingsPerSecond(GatewayPolicy.defaults().maxReadingsPerSecond())
                .withGatewaySessions(10_000);
    }

    private static LedgerClient joinValidators(ActorSystem<Void> system, SystemOptions options,
                                               List<AutoCloseable> closers) throws Exception {
        LedgerClient client = LedgerClient.create(system, LedgerClientSettings.defaults()
                .withAnswerTimeout(options.answerTimeout()));
        closers.add(client::close);
        client.awaitValidators(VALIDATORS, SETUP).toCompletableFuture().get(SETUP.toSeconds() + 10,
                TimeUnit.SECONDS);
        return client;
    }

    private static SimulatedSystem assemble(FleetSpec spec, String chainId, SystemOptions options,
                                            ActorSystem<Void> system,
                                            LedgerClient client, ActorRef<Gateway.Command> gateway, KeyPair root,
                                            List<AutoCloseable> closers, Genesis embeddedGenesis)
            throws Exception {
        Fleet fleet = new Fleet(spec);
        ExecutorService work = Executors.newFixedThreadPool(4, daemons("fogledger-sim-work"));
        ExecutorService blocking = Executors.newFixedThreadPool(16, daemons("fogledger-sim-blocking"));
        closers.add(work::shutdownNow);
        closers.add(blocking::shutdownNow);
        MqttGateway mqtt = null;
        if (options.mqttUri() != null) {
            mqtt = MqttGateway.connect(options.mqttUri(), options.topicPrefix(), options.answerTimeout(), work);
            closers.add(mqtt);
        }
        AcknowledgedOnLedgerCheck acknowledged = new AcknowledgedOnLedgerCheck(512, spec.seed());
        LedgerPort ledger = new LedgerPort(client, chainId, work, acknowledged);
        InProcessGateway inProcess = gateway == null ? null
                : new InProcessGateway(gateway, system.scheduler(), options.answerTimeout(), work);
        Hierarchy hierarchy = new Hierarchy(fleet, ledger, root);
        hierarchy.start(SETUP);
        Parts parts = new Parts(fleet, options, ledger, inProcess, mqtt, hierarchy, work, blocking,
                new BlockedRefusalCheck(64, spec.seed()), new DeniedFlowCheck(), acknowledged);
        return new SimulatedSystem(parts, closers, embeddedGenesis, embeddedGenesis == null ? null : root);
    }

    // -----------------------------------------------------------------------------------------------------------
    // What the lead and the engine use

    public Fleet fleet() {
        return parts.fleet;
    }

    /**
     * The behaviour of kind {@code kind} ({@link #KINDS}) with its parameters; an unknown kind or parameter is an
     * {@link IllegalArgumentException} naming the accepted ones.
     */
    public Behaviour behaviour(String kind, Map<String, String> params) {
        Map<String, String> given = params == null ? Map.of() : params;
        return switch (kind) {
            case RegisterBehaviour.KIND -> new RegisterBehaviour(parts, given);
            case TelemetryBehaviour.KIND -> new TelemetryBehaviour(parts, given);
            case ConsentGrantBehaviour.KIND -> new ConsentGrantBehaviour(parts, given);
            case ConsentWithdrawBehaviour.KIND -> new ConsentWithdrawBehaviour(parts, given);
            case DataRequestBehaviour.KIND -> new DataRequestBehaviour(parts, given);
            case LifecycleBehaviour.KIND -> new LifecycleBehaviour(parts, given);
            case ConflictingDecisionsBehaviour.KIND -> new ConflictingDecisionsBehaviour(parts, given);
            case ChurnBehaviour.KIND -> new ChurnBehaviour(parts, given);
            case UnregisteredDeviceBehaviour.KIND -> new UnregisteredDeviceBehaviour(parts, given);
            case ForgedSignatureBehaviour.KIND -> new ForgedSignatureBehaviour(parts, given);
            case ReplayBehaviour.KIND -> new ReplayBehaviour(parts, given);
            case FloodBehaviour.KIND -> new FloodBehaviour(parts, given);
            default -> throw new IllegalArgumentException("unknown behaviour '" + kind + "'; known: "
                    + String.join(", ", KINDS));
        };
    }

    /**
     * Brings {@code count} devices of the fleet into service before a run (registered, commissioned, installed:
     * the {@code register} behaviour, {@code inFlight} at a time), so that a scenario's telemetry has devices to
     * send from. Each device costs three transactions committed one after the other, so the ledger's commit rate
     * bounds this: on the 2-core development machine about 20 devices a second at 128 in flight. Stops at
     * {@code timeout}, answering what was done by then.
     */
    public Provisioned provision(int count, int inFlight, Duration timeout) throws InterruptedException {
        if (count < 0 || inFlight < 1) {
            throw new IllegalArgumentException("provision needs count >= 0 and inFlight >= 1, got " + count + " and "
                    + inFlight);
        }
        Behaviour register = behaviour(RegisterBehaviour.KIND, Map.of());
        SplittableRandom random = new SplittableRandom(parts.fleet.spec().seed() ^ 0x9E0F1L);
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int started = 0;
        while (started < count && System.nanoTime() < deadline) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            started++;
            register.start(random.split()).whenComplete((outcome, failure) -> {
                if (outcome instanceof Outcome.Ok) {
                    ok.incrementAndGet();
                } else {
                    String kind = outcome instanceof Outcome.Failed f ? f.errorKind()
                            : outcome instanceof Outcome.Skipped ? "skipped:no device left"
                            : "error";
                    failures.merge(kind, 1, Integer::sum);
                }
                slots.release();
            });
        }
        // Wait for the operations in flight, within the time left.
        slots.tryAcquire(inFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return new Provisioned(count, ok.get(), failed, failures, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The correctness checks, verified now: a sample of the devices the ledger blocked is probed at the gateway (each
     * must be refused), the data requests that had to be denied are tallied, and a sample of the acknowledged
     * transactions is looked up in the committed chain. {@code timeout} bounds the probes and look-ups together.
     */
    public List<CheckResult> finalChecks(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CheckResult blocked = parts.blockedCheck.verify(this::probeBlocked, parts.fleet::deviceId,
                Duration.ofNanos(Math.max(0, (deadline - System.nanoTime()) / 2)));
        CheckResult acknowledged = parts.acknowledgedCheck.verify(parts.ledger::committedBlockAt,
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return List.of(blocked, parts.deniedCheck.result(), acknowledged);
    }

    /** The gateway as devices reach it: in process when this JVM runs it, over MQTT otherwise. */
    GatewayPort gatewayPort() {
        return parts.inProcess != null ? parts.inProcess : parts.mqtt;
    }

    /**
     * A blocked device tries to get in: a correctly signed hello must be refused, and a correctly signed reading in
     * the session it had open when it was blocked (if any) must be refused as well.
     */
    private CompletionStage<BlockedRefusalCheck.Probe> probeBlocked(BlockedRefusalCheck.Blocked blocked) {
        int device = blocked.device();
        GatewayPort port = gatewayPort();
        CompletionStage<BlockedRefusalCheck.Probe> hello = DeviceSessions.hello(port, parts.fleet.deviceId(device),
                parts.fleet.deviceKey(device)).thenApply(answer -> answer instanceof Gateway.SessionAnswer.Refused r
                        ? new BlockedRefusalCheck.Probe(true, r.reason())
                        : new BlockedRefusalCheck.Probe(false, "a hello opened session " + answer));
        DeviceSessions.Session old = blocked.session();
        if (old == null) {
            return hello;
        }
        GatewayPort oldPort = "mqtt".equals(old.transport) && parts.mqtt != null ? parts.mqtt : port;
        return hello.thenCompose(first -> !first.refused() ? CompletableFuture.completedFuture(
                first) : oldPort.reading(parts.sessions.nextReading(device, old, parts.fleet.deviceKey(device)))
                .thenApply(answer -> answer instanceof Gateway.ReadingAnswer.Refused r
                        ? new BlockedRefusalCheck.Probe(true, first.detail() + "; old session: " + r.reason())
                        : new BlockedRefusalCheck.Probe(false, "a reading in its session opened before the block "
                                + "was accepted")));
    }

    /**
     * Writes what a simulator needs to join this embedded system as it joins a local fog ({@link #remote}): the
     * genesis as {@code dir/genesis.conf} and the root operator's key as {@code dir/keys/root.key}. So a second
     * simulator (another seed, another JVM) can drive the same cluster through the broker.
     */
    public void exportAsLocalFog(Path dir) throws IOException {
        if (genesis == null) {
            throw new IllegalStateException("only an embedded system can be exported; a remote one is its fog's");
        }
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("genesis.conf"), genesis.toHocon(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("keys").resolve("root.key"), Pem.writePrivateKey(root),
                StandardCharsets.US_ASCII);
    }

    /** Stops what this system started (for a remote one: only the simulator's own client and connections). */
    @Override
    public void close() {
        closeAll(closers);
    }

    // -----------------------------------------------------------------------------------------------------------

    /** Closes in the reverse order of starting: connections, then the client, then the validators. */
    private static void closeAll(List<AutoCloseable> closers) {
        for (int i = closers.size() - 1; i >= 0; i--) {
            AutoCloseable closer = closers.get(i);
            try {
                closer.close();
            } catch (Exception e) {
                // Stopping: go on with the rest.
            }
        }
    }

    private static KeyPair loadOrCreateKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return Pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        }
        Files.createDirectories(file.getParent());
        KeyPair key = KeyPair.generate();
        Files.writeString(file, Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
        return key;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
