package org.fogledger.agents.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fogledger.agents.AgentNodeMain;

/** One agent node as a separate JVM running {@link AgentNodeMain} with the test's own java and classpath. */
final class AgentProcess implements AutoCloseable {
    /** Agent node logging: FogLedger and cluster membership at INFO, so a failure's log tail tells the story. */
    static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.fogledger" level="INFO"/>
              <logger name="org.apache.pekko" level="WARN"/>
              <logger name="org.apache.pekko.cluster.Cluster" level="INFO"/>
              <logger name="org.apache.pekko.cluster.sbr" level="INFO"/>
              <logger name="org.apache.pekko.cluster.sharding" level="INFO"/>
              <logger name="org.apache.pekko.stream.Materializer" level="ERROR"/>
              <root level="WARN"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private AgentProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static AgentProcess launch(String name, int port, Path config, Path logback, Path log) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), AgentNodeMain.class.getName(), config.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new AgentProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** The node's cluster address as agents report it ({@code hostedAt}). */
    String address() {
        return "pekko://fogledger@127.0.0.1:" + port;
    }

    void awaitReady(Duration limit) throws InterruptedException {
        String expected = "READY " + name + " 127.0.0.1:" + port;
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (read(log).lines().anyMatch(line -> line.equals(expected))) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue() + " before printing '"
                        + expected + "'\n" + tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no '" + expected + "' within " + limit.toSeconds()
                        + " s\n" + tail(60));
            }
            Thread.sleep(50);
        }
    }

    /** kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux; no shutdown hook, no leaving. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still alive 10 s after SIGKILL");
        }
    }

    String tail(int lines) {
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

    /** SIGTERM: a clean leave through the shutdown hook; {@link #close()} waits for it. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGTERM (a clean leave through the shutdown hook), SIGKILL if still alive after 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
