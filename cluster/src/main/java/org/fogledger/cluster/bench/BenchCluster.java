package org.fogledger.cluster.bench;

import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;
import org.fogledger.ledger.validator.ValidatorSettings;

/**
 * The validators under test: started in this JVM (one ActorSystem each) or as one JVM each
 * ({@link BenchValidatorMain}), all on 127.0.0.1 with their own H2 journal under the data directory.
 */
abstract class BenchCluster implements AutoCloseable {
    static final String CHAIN_ID = "fogledger-bench";
    static final int JOURNAL_POOL = 4;
    private static final Duration PROCESS_START_LIMIT = Duration.ofSeconds(120);

    final Genesis genesis;

    private BenchCluster(Genesis genesis) {
        this.genesis = genesis;
    }

    /** CPU time consumed so far by this JVM and every validator process, in nanoseconds. */
    abstract long cpuNanos();

    /** One line for the summary: where the validators run. */
    abstract String describe();

    @Override
    public abstract void close();

    /** The settings every bench validator runs with: the defaults of a deployment. */
    static ValidatorSettings settings(Genesis genesis, KeyPair key) {
        return ValidatorSettings.defaults(key, genesis.validatorSet(), genesis.chainId());
    }

    static Path nodeDir(Path dataDir, String node) {
        return dataDir.resolve(node);
    }

    static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Genesis genesis(int n, byte[] seed) {
        List<PublicKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(BenchKeys.validatorKey(seed, i).publicKey());
        }
        return Genesis.onLoopback(CHAIN_ID, keys);
    }

    // -----------------------------------------------------------------------------------------------------------

    static BenchCluster inJvm(int n, Path dataDir, byte[] seed) {
        Genesis genesis = genesis(n, seed);
        InJvm cluster = new InJvm(genesis, dataDir);
        try {
            for (int i = 0; i < n; i++) {
                Genesis.Member member = genesis.validators().get(i);
                cluster.nodes.add(ValidatorNode.start(genesis, settings(genesis, BenchKeys.validatorKey(seed, i)),
                        JournalSettings.prepare(member.name(),
                                new StorageChoice.H2(nodeDir(dataDir, member.name()), JOURNAL_POOL)),
                        ConfigFactory.empty()));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static final class InJvm extends BenchCluster {
        final List<ValidatorNode> nodes = new ArrayList<>();
        final Path dataDir;

        InJvm(Genesis genesis, Path dataDir) {
            super(genesis);
            this.dataDir = dataDir;
        }

        @Override
        long cpuNanos() {
            return ownCpuNanos();
        }

        @Override
        String describe() {
            return "in this JVM: " + genesis.validators().size() + " validators, one ActorSystem each, H2 journals in "
                    + dataDir;
        }

        @Override
        public void close() {
            for (ValidatorNode node : nodes) {
                try {
                    node.close();
                } catch (RuntimeException e) {
                    // keep closing the others
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    /**
     * One JVM per validator, {@code java -cp <this classpath> BenchValidatorMain ...}, started together. Each child
     * prints {@code READY} once its validator runs, and stops when its standard input closes (so children never
     * outlive the bench, even when it is killed).
     */
    static BenchCluster processes(int n, Path dataDir, byte[] seed, List<String> childJvmOptions, PrintWriter err)
            throws IOException, InterruptedException {
        Genesis genesis = genesis(n, seed);
        Path genesisFile = dataDir.resolve("genesis.conf");
        Files.writeString(genesisFile, genesis.toHocon(), StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Processes cluster = new Processes(genesis, dataDir);
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(childJvmOptions);
                command.addAll(List.of("-cp", classpath, BenchValidatorMain.class.getName(), genesisFile.toString(),
                        Integer.toString(i), HexFormat.of().formatHex(seed),
                        nodeDir(dataDir, genesis.validators().get(i).name()).toString()));
                Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                cluster.processes.add(process);
                ready.add(awaitReady(process, genesis.validators().get(i).name()));
            }
            for (int i = 0; i < n; i++) {
                try {
                    ready.get(i).get(PROCESS_START_LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("validator process v" + i + " did not start within "
                            + PROCESS_START_LIMIT.toSeconds() + " s: " + (e.getCause() != null ? e.getCause() : e), e);
                }
            }
            return cluster;
        } catch (RuntimeException | IOException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** Completes when the child prints READY; afterwards keeps draining its stdout so it never blocks on it. */
    private static CompletableFuture<Void> awaitReady(Process process, String name) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(BenchValidatorMain.READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("validator process " + name
                    + " exited before it was ready (its errors are above)"));
        }, "bench-child-" + name);
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private static final class Processes extends BenchCluster {
        final List<Process> processes = new ArrayList<>();
        final Path dataDir;

        Processes(Genesis genesis, Path dataDir) {
            super(genesis);
            this.dataDir = dataDir;
        }

        @Override
        long cpuNanos() {
            long total = ownCpuNanos();
            for (Process process : processes) {
                total += process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            }
            return total;
        }

        @Override
        String describe() {
            return "one JVM per validator: " + genesis.validators().size() + " processes (pids "
                    + processes.stream().map(p -> Long.toString(p.pid())).toList() + "), H2 journals in " + dataDir;
        }

        @Override
        public void close() {
            for (Process process : processes) {
                try {
                    process.getOutputStream().close(); // the child stops when its stdin closes
                } catch (IOException e) {
                    // already gone
                }
            }
            for (Process process : processes) {
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
