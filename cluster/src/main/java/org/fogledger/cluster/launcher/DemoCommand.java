package org.fogledger.cluster.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fogledger.cluster.api.ApiServer;
import org.fogledger.cluster.api.ApiSettings;
import org.fogledger.ledger.chain.Transaction;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.SubmitResult;
import org.fogledger.ledger.validator.ValidatorNode;
import org.fogledger.ledger.validator.ValidatorSettings;
import org.fogledger.ledger.validator.ValidatorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fogledger demo}: a 4-validator fog cluster in this JVM ordering a client's transactions. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        headerHeading = "",
        header = "Run a 4-validator FogLedger cluster in this JVM and bring a fleet of devices into service.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Starts four validators (n = 3f+1, tolerating f = 1 faulty) as four Pekko ActorSystems in this JVM, "
                    + "talking over Artery on 127.0.0.1. Each keeps its own H2 journal and Ed25519 key under "
                    + "DIR/demo/v0..v3 (created on the first run, reused afterwards: a second run continues the "
                    + "same chain). A maker then registers devices for a hospital in the registry contract, the "
                    + "hospital declares each through its lifecycle (commissioned, shipped, received, installed) "
                    + "and reports one stolen; every step is a signed transaction that the validators order with "
                    + "chained HotStuff, execute in each validator's contract host and answer with a receipt. "
                    + "A gateway asks the registry whether two devices may connect. Then ranked agents disagree "
                    + "about a device: the root operator (named at genesis, key under DIR/demo) delegates a region "
                    + "and two sites and issues a policy that blocking takes a quorum of two; the sites vote to "
                    + "block, one site's release loses, the region's release outranks them; the arbitration "
                    + "contract settles each decision and the demo prints its verdict and reason. With the "
                    + "simulator on the classpath (bin/fogledger), a simulated fleet then loads the cluster for a "
                    + "minute (--fleet, --fleet-duration) and the demo writes its report. The HTTP API listens on "
                    + "127.0.0.1:8080 (--api-port) throughout. The demo prints progress, then a summary; on a "
                    + "terminal it then keeps the cluster and API up until Ctrl-C (--no-stay to stop at once)."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger demo                          the whole story, a simulated fleet, then the API until Ctrl-C",
            "  fogledger demo --devices 1000           more devices in the registry story",
            "  fogledger demo --fleet 0 --no-stay      the stories only, then stop",
            "  fogledger demo --api-port 0             the API on a free port (printed)",
            "  fogledger demo --data-dir /tmp/fl-data  keep keys and journals in /tmp/fl-data/demo"
        })
final class DemoCommand implements Callable<Integer> {
    static final String CHAIN_ID = "fogledger-demo";
    static final int VALIDATORS = 4;
    static final String KEY_FILE = "validator.key";

    // Created before the ActorSystems so that SLF4J is initialised on this thread, not raced by Pekko's threads.
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where nodes keep their data; the demo uses DIR/demo. A relative path is resolved "
                    + "against the current directory. Default: ${DEFAULT-VALUE}")
    private Path dataDir;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "40",
            description = "How many devices the demo registers and brings into service (6 transactions for the "
                    + "first, 5 for each other). Default: ${DEFAULT-VALUE}")
    private int devices;

    @Option(names = "--stay", negatable = true, description = "Keep the cluster and the API running after the "
            + "summary, until Ctrl-C. Default: yes on a terminal, no otherwise.")
    private Boolean stay;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8080",
            description = "The HTTP API's port on 127.0.0.1 (docs/API.md); 0 picks a free one, -1 starts no API. "
                    + "Default: ${DEFAULT-VALUE}")
    private int apiPort;

    @Option(names = "--fleet", paramLabel = "N", defaultValue = "10000",
            description = "Simulated devices for the fleet chapter (when the simulator is on the classpath); 0 skips"
                    + " it. Default: ${DEFAULT-VALUE}")
    private int fleetDevices;

    @Option(names = "--fleet-duration", paramLabel = "DURATION", defaultValue = "60s",
            converter = org.fogledger.cluster.bench.DurationConverter.class,
            description = "How long the fleet chapter drives the cluster (30s, 2m). Default: ${DEFAULT-VALUE}")
    private Duration fleetDuration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (devices < 0 || devices > 100_000) {
            err.println("fogledger demo: --devices must be between 0 and 100000, got " + devices);
            err.flush();
            return 2;
        }
        if (apiPort < -1 || apiPort > 65535) {
            err.println("fogledger demo: --api-port must be -1 (no API), 0 (a free port) or 1..65535, got " + apiPort);
            err.flush();
            return 2;
        }
        if (fleetDevices < 0 || fleetDevices > 10_000_000) {
            err.println("fogledger demo: --fleet must be between 0 and 10000000, got " + fleetDevices);
            err.flush();
            return 2;
        }
        boolean staying = stay != null ? stay : System.console() != null;
        Path demoDir = dataDir.toAbsolutePath().normalize().resolve("demo");

        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < VALIDATORS; i++) {
            Path keyFile = demoDir.resolve("v" + i).resolve(KEY_FILE);
            try {
                ValidatorKeyFile.Loaded key = ValidatorKeyFile.loadOrCreate(keyFile, KeyPair::generate);
                keys.add(key.keyPair());
                LOG.debug("validator key {} {}", key.created() ? "created at" : "loaded from", keyFile);
            } catch (IOException e) {
                err.println("fogledger demo: cannot use the validator key " + keyFile + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        Path rootKeyFile = demoDir.resolve(AgentStory.ROOT_KEY_FILE);
        KeyPair rootOperator;
        try {
            rootOperator = ValidatorKeyFile.loadOrCreate(rootKeyFile, KeyPair::generate).keyPair();
        } catch (IOException e) {
            err.println("fogledger demo: cannot use the root operator's key " + rootKeyFile + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        List<Genesis.Member> members = Genesis.onLoopback(CHAIN_ID, keys.stream().map(KeyPair::publicKey).toList())
                .validators();
        Genesis genesis = new Genesis(CHAIN_ID, members, List.of(), List.of(rootOperator.publicKey()));

        out.println("FogLedger demo: " + VALIDATORS + " validators in this JVM, chain '" + CHAIN_ID + "'");
        out.println("  data dir  " + demoDir);
        out.flush();
        List<ValidatorNode> nodes = new ArrayList<>();
        LedgerClient ledger = null;
        ApiServer.Binding api = null;
        try {
            for (int i = 0; i < VALIDATORS; i++) {
                String name = "v" + i;
                ValidatorSettings settings = ValidatorSettings.defaults(keys.get(i), genesis.validatorSet(), CHAIN_ID)
                        .withContracts(genesis.contracts());
                nodes.add(ValidatorNode.start(genesis, settings,
                        JournalSettings.prepare(name, new StorageChoice.H2(demoDir.resolve(name), 4)),
                        com.typesafe.config.ConfigFactory.empty()));
                out.println("  started   " + name + " on 127.0.0.1:" + members.get(i).port() + ", key id "
                        + keys.get(i).publicKey().keyId().shortHex());
                out.flush();
            }
            if (!awaitPeers(nodes, Duration.ofSeconds(60), out)) {
                err.println("fogledger demo: the validators did not find each other within 60 s");
                err.flush();
                return 1;
            }
            ledger = LedgerClient.create(nodes.get(0).system());
            api = startApi(nodes.get(0), ledger, out);
            long startHeight = status(nodes.get(0)).committedHeight();
            out.println("  cluster   formed; committed height " + startHeight
                    + (startHeight > 0 ? " (recovered from the journals)" : ""));
            out.flush();
            int expected = devices == 0 ? 0 : devices * (1 + LIFECYCLE.length) + 1;
            int committed = runDeviceStory(nodes, devices, out);
            if (storyDevices.size() >= 2) {
                expected += AGENT_STORY_TRANSACTIONS;
                try {
                    committed += new AgentStory(nodes.get(1), CHAIN_ID, rootOperator,
                            demoDir.resolve(AgentStory.ROOT_NONCE_FILE), out).run(storyDevices.get(1));
                } catch (AgentStory.StepFailed e) {
                    err.println("fogledger demo: " + e.getMessage());
                    err.flush();
                    return 1;
                }
            }
            printSummary(out, nodes, committed, startHeight);
            if (committed < expected) {
                err.println("fogledger demo: only " + committed + " of " + expected + " transactions committed");
                err.flush();
                return 1;
            }
            List<String> failedChapters = new ArrayList<>();
            for (DemoChapter chapter : ServiceLoader.load(DemoChapter.class)) {
                out.println();
                out.flush();
                if (!chapter.run(new DemoStage(nodes, genesis, rootOperator, ledger, demoDir, fleetDevices,
                        fleetDuration, out))) {
                    failedChapters.add(chapter.name());
                }
            }
            if (!failedChapters.isEmpty()) {
                err.println("fogledger demo: chapter(s) " + String.join(", ", failedChapters) + " did not succeed"
                        + " (see above)");
                err.flush();
                return 1;
            }
            if (staying) {
                out.println();
                out.println("Running" + (api == null ? "" : "; the API answers at http://127.0.0.1:" + api.port()
                        + "/api/v1 (try: bin/fogctl --server http://127.0.0.1:" + api.port() + " get validators)")
                        + ". Press Ctrl-C to stop.");
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                ApiServer.Binding serving = api;
                LedgerClient client = ledger;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    out.println("Stopping the cluster.");
                    out.flush();
                    if (serving != null) {
                        serving.stop(Duration.ofSeconds(2));
                    }
                    client.close();
                    nodes.forEach(ValidatorNode::close);
                    stop.countDown();
                }));
                stop.await();
            }
            return 0;
        } finally {
            if (!staying) {
                if (api != null) {
                    api.stop(Duration.ofSeconds(2)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                if (ledger != null) {
                    ledger.close();
                }
                for (ValidatorNode node : nodes) {
                    node.close();
                }
            }
        }
    }

    /** The HTTP API on 127.0.0.1 (docs/API.md); a port in use is reported and the demo goes on without it. */
    private ApiServer.Binding startApi(ValidatorNode node, LedgerClient ledger, PrintWriter out) {
        if (apiPort < 0) {
            return null;
        }
        try {
            ApiServer.Binding binding = ApiServer.start(node.system(), ledger, ApiSettings.defaults(CHAIN_ID)
                    .withAddress("127.0.0.1", apiPort)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            out.println("  api       http://127.0.0.1:" + binding.port() + "/api/v1 (docs/API.md, bin/fogctl)");
            return binding;
        } catch (Exception e) {
            out.println("  api       NOT started: " + rootMessage(e) + " (another process on port " + apiPort
                    + "? use --api-port 0 for a free one)");
            return null;
        } finally {
            out.flush();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The agents' chapter: 3 delegations, a policy, 4 decisions. */
    private static final int AGENT_STORY_TRANSACTIONS = 8;

    /** The devices the first chapter registered, for the second. */
    private final List<String> storyDevices = new ArrayList<>();

    /** The demo's story: a maker registers devices for a hospital, which brings them into service. */
    private static final String[] LIFECYCLE = {"commissioned", "shipped", "received", "installed"};

    /**
     * Registers {@code devices} devices and walks each through its lifecycle, one step for all devices at a time
     * (a step must commit before the next is declared), then declares one stolen and asks the registry which may
     * connect. Returns how many transactions got receipts.
     */
    private int runDeviceStory(List<ValidatorNode> nodes, int devices, PrintWriter out) throws Exception {
        if (devices == 0) {
            return 0;
        }
        KeyPair maker = KeyPair.generate();
        KeyPair hospital = KeyPair.generate();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add("meter-" + run + "-" + i);
        }
        storyDevices.addAll(ids);
        out.println("  story     maker " + maker.publicKey().keyId().shortHex() + " registers " + devices
                + " devices for hospital " + hospital.publicKey().keyId().shortHex()
                + ", which brings them into service");
        out.flush();
        long[] nonce = {0, 0};
        Tally tally = new Tally();
        long start = System.nanoTime();
        tally.add(step(nodes, "register", ids, id -> Transaction.sign(maker, CHAIN_ID, nonce[0]++,
                "registry/" + id, "register", json("{\"deviceKey\":\"" + ContractJson.hex(KeyPair.generate()
                        .publicKey()) + "\",\"model\":\"smart-meter-s3\",\"maker\":\""
                        + ContractJson.hex(maker.publicKey()) + "\",\"owner\":\""
                        + ContractJson.hex(hospital.publicKey()) + "\",\"location\":\"/eu/fr/lyon/hospital-a\"}")),
                out));
        for (String declaration : LIFECYCLE) {
            tally.add(step(nodes, declaration, ids, id -> Transaction.sign(hospital, CHAIN_ID, nonce[1]++,
                    "registry/" + id, "declare", json("{\"declaration\":\"" + declaration + "\"}")), out));
        }
        tally.add(step(nodes, "stolen", ids.subList(0, 1), id -> Transaction.sign(hospital, CHAIN_ID, nonce[1]++,
                "registry/" + id, "declare", json("{\"declaration\":\"stolen\"}")), out));
        out.printf("  client    %d transactions committed (%d executed, %d refused by the contract), in %.1f s%n",
                tally.committed, tally.ok, tally.failed, (System.nanoTime() - start) / 1e9);
        for (String id : List.of(ids.get(0), ids.get(ids.size() - 1))) {
            var answer = nodes.get(0).query("registry/" + id, "legitimacy", new byte[0]).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            var verdict = ContractJson.mapper().readTree(answer.json());
            out.printf("  gateway   may %s connect? %s: %s (read at height %d)%n", id,
                    verdict.path("verdict").asText("?"), verdict.path("reason").asText(answer.text()),
                    answer.executedHeight());
        }
        out.flush();
        return tally.committed;
    }

    private static final class Tally {
        int committed;
        int ok;
        int failed;

        void add(Tally other) {
            committed += other.committed;
            ok += other.ok;
            failed += other.failed;
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Submits one transaction per device (round-robin over the validators) and waits for all receipts. */
    private static Tally step(List<ValidatorNode> nodes, String what, List<String> ids,
                              java.util.function.Function<String, Transaction> build, PrintWriter out)
            throws Exception {
        List<CompletableFuture<SubmitResult>> answers = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            answers.add(nodes.get(i % nodes.size()).submit(build.apply(ids.get(i)), Duration.ofSeconds(60))
                    .toCompletableFuture());
        }
        Tally tally = new Tally();
        String firstFailure = null;
        for (CompletableFuture<SubmitResult> answer : answers) {
            SubmitResult result;
            try {
                result = answer.get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                continue;
            }
            if (result instanceof SubmitResult.Committed committed) {
                tally.committed++;
                if (committed.receipt().isOk()) {
                    tally.ok++;
                } else {
                    tally.failed++;
                    if (firstFailure == null) {
                        firstFailure = committed.receipt().resultCode() + ": "
                                + new String(committed.receipt().result(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
        }
        out.printf("  %-12s %d/%d committed%s%n", what, tally.committed, ids.size(),
                firstFailure == null ? "" : ", " + tally.failed + " refused (first: " + firstFailure + ")");
        out.flush();
        return tally;
    }

    private static void printSummary(PrintWriter out, List<ValidatorNode> nodes, int committed, long startHeight)
            throws Exception {
        out.println();
        out.println("Summary");
        out.printf("  %-4s %-10s %8s %8s %10s  %s%n", "node", "key id", "round", "height", "committed", "tip");
        for (ValidatorNode node : nodes) {
            ValidatorStatus status = status(node);
            out.printf("  %-4s %-10s %8d %8d %10d  %s%n", node.member().name(),
                    status.validator().keyId().shortHex(), status.round(), status.committedHeight(),
                    status.counters().getOrDefault("committedTransactions", 0L), status.committedTip().shortHex());
        }
        long min = Long.MAX_VALUE;
        for (ValidatorNode node : nodes) {
            min = Math.min(min, status(node).committedHeight());
        }
        Set<String> hashesAtMin = new java.util.HashSet<>();
        for (ValidatorNode node : nodes) {
            // A validator answers from its durable chain, which may trail what it committed by a write or two.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            var hashes = node.committedHashes(min, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
            while (hashes.hashes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                hashes = node.committedHashes(min, 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            hashesAtMin.add(hashes.hashes().isEmpty() ? "?" : hashes.hashes().get(0).shortHex());
        }
        out.println();
        out.println("  " + committed + " transactions committed; the chain grew from height " + startHeight + ".");
        out.println("  At height " + min + " every validator has block "
                + hashesAtMin.stream().collect(Collectors.joining(", "))
                + (hashesAtMin.size() == 1 ? ": they agree." : ": THEY DISAGREE."));
        out.println("  Run again to continue the same chain from the journals under the data dir.");
        out.flush();
    }

    private static boolean awaitPeers(List<ValidatorNode> nodes, Duration limit, PrintWriter out) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (ValidatorNode node : nodes) {
                all &= status(node).connectedPeers() == nodes.size() - 1;
            }
            if (all) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static ValidatorStatus status(ValidatorNode node) throws Exception {
        return node.status().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
