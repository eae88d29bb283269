package org.fogledger.cluster.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fogledger bench ledger}: committed throughput, latency and CPU of a validator cluster. */
@Command(
        name = "ledger",
        headerHeading = "",
        header = "Committed transactions per second, latency and CPU cost of N validators.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Starts N validators (in this JVM, one ActorSystem and H2 journal each; or one JVM each with "
                    + "--processes), a client member of their Pekko Cluster in this JVM, and waits until every "
                    + "validator sees the others. Before any load it pre-signs all transactions (Ed25519, many client "
                    + "keys so that the mempool's per-sender quota of 1,000 pending does not throttle) and times "
                    + "Ed25519 verifications on a warm key.",
            "",
            "The client then submits open-loop at --rate (transaction i is due at start + i/rate, and its latency "
                    + "runs from that intended time to its receipt, so a stalled client cannot hide latency), or "
                    + "with --max as fast as the validators take them, keeping at most --max-outstanding "
                    + "unanswered. Each transaction goes to one validator, round-robin. A warm-up precedes the "
                    + "measured window.",
            "",
            "It prints: committed tx/s over the window (from the validators' counters), latency p50/p99/p99.9, "
                    + "refusals by reason, errors, CPU microseconds per committed transaction per validator (CPU of "
                    + "the whole process, client included, divided by committed transactions and by N), and the cost "
                    + "of one Ed25519 verification measured in the same run. Progress goes to stderr every "
                    + "--progress; the summary to stdout. Exit code 0 when the run completed."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger bench ledger",
            "      the CI-sized default: 4 validators, 500 tx/s, 3 s warm-up, 10 s measured",
            "  fogledger bench ledger --validators 4 --duration 60s --max",
            "      the highest rate the cluster commits",
            "  fogledger bench ledger --validators 4 --duration 60s --rate 1500",
            "      latency at a fixed offered load (e.g. 80 %% of the --max result)",
            "  fogledger bench ledger --processes --duration 30s --rate 1000",
            "      one JVM per validator",
            "  JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/bench.jfr fogledger bench ledger --max",
            "      the same with a JFR profile (read it with: jfr print --events jdk.ExecutionSample)"
        })
final class LedgerBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--validators", paramLabel = "N", defaultValue = "4",
            description = "Validators to start (n = 3f + 1: 4 tolerates one faulty). Default: ${DEFAULT-VALUE}")
    private int validators;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Length of the measured window, e.g. 10s, 60s, 2m. Default: 10s")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Load before the measured window (JIT, journals, pipelines fill), not counted. Default: 3s")
    private Duration warmup;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Load load = new Load();

    static final class Load {
        @Option(names = "--rate", paramLabel = "TX_PER_S",
                description = "Offered load, transactions per second, open loop. Default: 500 (when --max is not given)")
        Integer rate;

        @Option(names = "--max", description = "Submit as fast as the validators answer, at most --max-outstanding "
                + "unanswered; latency is then measured from the actual send.")
        boolean max;
    }

    @Option(names = "--max-outstanding", paramLabel = "N", defaultValue = "10000",
            description = "Most transactions awaiting an answer at once. With --rate, reaching it delays sends, "
                    + "which shows as latency. Default: ${DEFAULT-VALUE}")
    private int maxOutstanding;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "1000",
            description = "Client signing keys (senders); transactions rotate over them. Default: ${DEFAULT-VALUE}")
    private int keys;

    @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "100",
            description = "Payload size of each transaction. Default: ${DEFAULT-VALUE}")
    private int payloadBytes;

    @Option(names = "--transactions", paramLabel = "N", defaultValue = "0",
            description = "Transactions to pre-sign. Default (0): enough for warm-up plus duration at --rate, or at "
                    + "4,000 tx/s with --max; the run stops early, and says so, if they run out.")
    private long transactions;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the validators' H2 journals go (DIR/v0, DIR/v1, ...). Default: a temporary "
                    + "directory, deleted at the end.")
    private Path dataDir;

    @Option(names = "--processes",
            description = "Start each validator as its own JVM (same classpath) instead of in this JVM. CPU is then "
                    + "summed over this JVM and the validator JVMs.")
    private boolean processes;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Interval of the progress line on stderr. Default: 5s")
    private Duration progress;

    @Option(names = "--answer-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long the client waits for one validator's answer before counting an error. "
                    + "Default: 30s")
    private Duration answerTimeout;

    @Option(names = "--verifications", paramLabel = "N", defaultValue = "5000",
            description = "Ed25519 verifications timed before the load (after as many warm-up calls). "
                    + "Default: ${DEFAULT-VALUE}")
    private int verifications;

    @Override
    public Integer call() throws Exception {
        int rate = load.rate == null ? 500 : load.rate;
        require(validators >= 1, "--validators must be at least 1");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(load.max || rate > 0, "--rate must be positive");
        require(maxOutstanding > 0, "--max-outstanding must be positive");
        require(keys > 0, "--keys must be positive");
        require(payloadBytes >= 0 && payloadBytes <= 60_000, "--payload-bytes must be in [0, 60000]");
        require(transactions >= 0, "--transactions must not be negative");
        require(!progress.isNegative() && !progress.isZero(), "--progress must be positive");
        require(!answerTimeout.isNegative() && !answerTimeout.isZero(), "--answer-timeout must be positive");
        require(verifications > 0, "--verifications must be positive");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LedgerBench.Options options = new LedgerBench.Options(validators, duration, warmup, rate, load.max,
                maxOutstanding, keys, payloadBytes, transactions, dataDir, processes, progress, answerTimeout,
                verifications, List.of());
        return new LedgerBench(options, out, err).run();
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
