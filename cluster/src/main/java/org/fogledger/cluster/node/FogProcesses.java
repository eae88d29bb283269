package org.fogledger.cluster.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fogledger.cluster.launcher.Launcher;

/** The local fog's node processes: started as {@code fogledger node}, found again by their pid files. */
final class FogProcesses {
    private final LocalFog fog;

    FogProcesses(LocalFog fog) {
        this.fog = fog;
    }

    /** Starts {@code node} in a new JVM with this JVM's java and classpath; returns its pid. */
    long start(LocalFog.Node node, String heap) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-cp", absoluteClassPath(), Launcher.class.getName(),
                "node", "--config", fog.runFile(node).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(fog.logFile(node).toFile()).directory(fog.dataDir().toFile());
        Process process = builder.start();
        Files.writeString(fog.pidFile(node), process.pid() + "\n", StandardCharsets.US_ASCII);
        return process.pid();
    }

    /** This JVM's classpath with every entry absolute: the nodes run in the data directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.endsWith("*") ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath()
                        + java.io.File.separator + "*" : Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    Optional<Long> pid(LocalFog.Node node) {
        String text = FogCommand.readAll(fog.pidFile(node)).trim();
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The node's process if it runs. A pid the OS gave to another program since is not ours: when the OS tells the
     * command line, it must name this node's run file.
     */
    Optional<ProcessHandle> running(LocalFog.Node node) {
        return pid(node).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(handle -> handle.info()
                .arguments().map(args -> List.of(args).contains(fog.runFile(node).toString())).orElse(true));
    }

    Optional<String> readyLine(LocalFog.Node node) {
        return FogCommand.readAll(fog.logFile(node)).lines().filter(line -> line.startsWith("READY " + node.name() + " "))
                .findFirst();
    }

    /** Waits until every node printed READY; null when they all did, else what went wrong. */
    String awaitReady(List<LocalFog.Node> nodes, Duration limit, Consumer<String> progress) throws InterruptedException {
        Set<LocalFog.Node> waiting = new LinkedHashSet<>(nodes);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!waiting.isEmpty()) {
            for (LocalFog.Node node : List.copyOf(waiting)) {
                Optional<String> ready = readyLine(node);
                if (ready.isPresent()) {
                    progress.accept("  " + ready.get());
                    waiting.remove(node);
                } else if (running(node).isEmpty()) {
                    return node.name() + " exited before it was READY; see " + fog.logFile(node);
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return "not READY within " + limit.toSeconds() + " s: "
                        + waiting.stream().map(n -> n.name() + " (" + fog.logFile(n) + ")").toList();
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** SIGTERM, then SIGKILL after {@code grace}; says what happened. */
    String stop(LocalFog.Node node, Duration grace) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(node);
        if (running.isEmpty()) {
            Files.deleteIfExists(fog.pidFile(node));
            return "not running";
        }
        ProcessHandle handle = running.get();
        handle.destroy();
        String outcome;
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            outcome = "stopped (pid " + handle.pid() + ")";
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            handle.destroyForcibly();
            handle.onExit().join();
            outcome = "killed after " + grace.toSeconds() + " s (pid " + handle.pid() + ")";
        }
        Files.deleteIfExists(fog.pidFile(node));
        return outcome;
    }
}
