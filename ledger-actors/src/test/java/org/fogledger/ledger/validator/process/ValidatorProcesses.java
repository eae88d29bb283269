package org.fogledger.ledger.validator.process;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorProcess;

/**
 * n validators, each a separate JVM running {@link ValidatorProcess} on 127.0.0.1, with key files, a shared genesis
 * file and one node file each under a directory. Every incarnation of a validator writes its own log file.
 */
final class ValidatorProcesses implements AutoCloseable {
    static final String CHAIN_ID = "fogledger-process-test";

    final Path dir;
    final Genesis genesis;
    final List<KeyPair> keys = new ArrayList<>();
    private final Process[] processes;
    private final List<List<Path>> logs = new ArrayList<>();
    private final String consensusBlock;

    ValidatorProcesses(Path dir, int n, String consensusBlock) {
        this.dir = dir;
        this.consensusBlock = consensusBlock;
        this.processes = new Process[n];
        List<Genesis.Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyPair key = KeyPair.generate();
            keys.add(key);
            members.add(new Genesis.Member(name(i), key.publicKey(), "127.0.0.1", Genesis.freeLoopbackPort()));
            logs.add(new ArrayList<>());
        }
        this.genesis = new Genesis(CHAIN_ID, members);
        try {
            Files.writeString(dir.resolve("logback.xml"), LOGBACK);
            Files.writeString(dir.resolve("genesis.conf"), genesis.toHocon());
            for (int i = 0; i < n; i++) {
                Path key = dir.resolve(name(i) + ".key");
                Files.writeString(key, Pem.writePrivateKey(keys.get(i)), StandardCharsets.US_ASCII);
                Files.writeString(configFile(i), """
                        include "genesis.conf"
                        fogledger.node {
                          name = %s
                          key-file = %s
                          data-dir = %s
                          %s
                        }
                        # Passed to the ActorSystem over the generated config. Pekko's defaults (5 s, 10 s) make a
                        # restarted node wait 10 s before its second join attempt, after the leader removed its
                        # previous incarnation in answer to the first.
                        pekko.cluster.seed-node-timeout = 2s
                        pekko.cluster.retry-unsuccessful-join-after = 2s
                        """.formatted(ConfigUtil.quoteString(name(i)), ConfigUtil.quoteString(key.toString()),
                        ConfigUtil.quoteString(dir.resolve("data-" + name(i)).toString()), consensusBlock));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The validators' logging: FogLedger and Pekko Cluster membership at INFO, so a failure's log tail tells the story. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.fogledger" level="INFO"/>
              <logger name="org.apache.pekko" level="WARN"/>
              <logger name="org.apache.pekko.cluster.Cluster" level="INFO"/>
              <root level="WARN"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    static String name(int index) {
        return "v" + index;
    }

    int size() {
        return processes.length;
    }

    Path configFile(int index) {
        return dir.resolve(name(index) + ".conf");
    }

    /** Starts validator {@code index} (again); its output goes to a new log file. */
    void start(int index) {
        List<Path> incarnations = logs.get(index);
        Path log = dir.resolve(name(index) + "-" + (incarnations.size() + 1) + ".log");
        incarnations.add(log);
        processes[index] = launch(configFile(index).toString(), log,
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    }

    /** A JVM running {@link ValidatorProcess} with the test's own java and classpath. */
    static Process launch(String configArgument, Path log, String... jvmOptions) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ValidatorProcess.class.getName(),
                configArgument));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** Waits for the current incarnation's READY line; fails naming the validator, with its log's tail. */
    void awaitReady(int index, Duration limit) throws InterruptedException {
        Path log = currentLog(index);
        long deadline = System.nanoTime() + limit.toNanos();
        String expected = "READY " + name(index) + " " + genesis.validators().get(index).host() + ":"
                + genesis.validators().get(index).port();
        while (true) {
            if (read(log).lines().anyMatch(line -> line.equals(expected))) {
                return;
            }
            if (!processes[index].isAlive()) {
                throw new AssertionError(name(index) + " exited with code " + processes[index].exitValue()
                        + " before printing '" + expected + "'\n" + tail(log, 60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name(index) + " printed no '" + expected + "' within " + limit.toSeconds()
                        + " s\n" + tail(log, 60));
            }
            Thread.sleep(50);
        }
    }

    /** kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux. */
    void kill(int index) throws InterruptedException {
        Process process = processes[index];
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name(index) + " still alive 10 s after SIGKILL");
        }
    }

    boolean isAlive(int index) {
        return processes[index] != null && processes[index].isAlive();
    }

    Path currentLog(int index) {
        List<Path> incarnations = logs.get(index);
        return incarnations.get(incarnations.size() - 1);
    }

    /** The last lines of every log of every validator, for a failure message. */
    String tails(int lines) {
        StringBuilder text = new StringBuilder();
        for (List<Path> incarnations : logs) {
            for (Path log : incarnations) {
                text.append(tail(log, lines));
            }
        }
        return text.toString();
    }

    static String tail(Path log, int lines) {
        List<String> all = read(log).lines().toList();
        StringBuilder text = new StringBuilder("----- last " + Math.min(lines, all.size()) + " of " + all.size()
                + " lines of " + log.getFileName() + " -----\n");
        for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /**
     * SIGTERM to all running validators and waits for them; returns a description of each that did not stop cleanly
     * within {@code limit} (it is then killed): a clean stop runs the shutdown hook and exits with 143 (128 + SIGTERM).
     */
    List<String> stopAll(Duration limit) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < processes.length; i++) {
            Process process = processes[i];
            if (process == null) {
                continue;
            }
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                problems.add(name(i) + " still running " + limit.toSeconds() + " s after SIGTERM\n"
                        + tail(currentLog(i), 30));
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } else if (process.exitValue() != 143) {
                problems.add(name(i) + " exited with " + process.exitValue() + " after SIGTERM, not 143\n"
                        + tail(currentLog(i), 30));
            }
        }
        return problems;
    }

    /** SIGTERM to all (clean stop through the shutdown hook), then SIGKILL to any still alive after 20 s. */
    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process process : processes) {
            if (process == null) {
                continue;
            }
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Exit code of a stopped validator, or -1 while it runs. */
    int exitCode(int index) {
        return processes[index].isAlive() ? -1 : processes[index].exitValue();
    }

}
