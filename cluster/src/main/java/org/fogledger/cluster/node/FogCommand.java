package org.fogledger.cluster.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fogledger fog up|down|status}: a local fog of node processes on 127.0.0.1. */
@Command(
        name = "fog",
        mixinStandardHelpOptions = true,
        header = "Start, inspect and stop a local fog: one process per node on 127.0.0.1.",
        synopsisHeading = "%nUsage: ",
        synopsisSubcommandLabel = "COMMAND",
        descriptionHeading = "%n",
        description = {
            "The fog is described by config/local-fog/fog.conf (the chain, the nodes) and one <node>.conf per node: "
                    + "4 validators (v0-v3, H2 journals) and 2 agent/gateway nodes (a0, a1) sharing their journal "
                    + "in PostgreSQL 127.0.0.1:5432, database test, schema fog_agents. Each node runs "
                    + "`fogledger node` in its own JVM; keys, genesis, journals, logs and pid files live under "
                    + "data/local-fog."
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger fog up          start the nodes, wait until each prints READY",
            "  fogledger fog status      each node: pid, alive, READY, roles, port",
            "  fogledger fog down        SIGTERM, then SIGKILL after the grace period"
        },
        subcommands = {FogCommand.Up.class, FogCommand.Status.class, FogCommand.Down.class, HelpCommand.class})
public final class FogCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: up, status or down.");
    }

    /** The options every fog command takes. */
    static final class Dirs {
        // bin/fogledger names the checkout it runs from (fogledger.home), so `fog up` works from any directory.
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "${sys:fogledger.home:-.}/config/local-fog",
                description = "fog.conf and the nodes' files. Default: ${DEFAULT-VALUE}")
        Path configDir;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/local-fog",
                description = "Keys, genesis, journals, logs and pid files. Default: ${DEFAULT-VALUE}")
        Path dataDir;

        LocalFog open(CommandSpec spec) {
            try {
                return LocalFog.open(configDir, dataDir);
            } catch (NodeConfigException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            header = "Start every node that is not running, and wait until each is READY.",
            synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
            description = "On the first run, generates the keys (data/local-fog/keys, never overwritten) and writes "
                    + "the genesis from them. Checks that PostgreSQL is reachable when agent nodes are part of the "
                    + "fog. Starts the validators, waits until they are READY, then the other nodes. Exits 1 if a "
                    + "node exits or is not READY in time (its log is named).",
            footerHeading = "%nExamples:%n",
            footer = {"  fogledger fog up", "  JAVA_OPTS=-Xmx256m fogledger fog up --timeout 180"})
    static final class Up implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private Dirs dirs;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
                description = "How long each group of nodes may take to become READY. Default: ${DEFAULT-VALUE}")
        private int timeoutSeconds;

        @Option(names = "--node-heap", paramLabel = "SIZE", defaultValue = "320m",
                description = "Maximum heap of each node's JVM (-Xmx). Default: ${DEFAULT-VALUE}")
        private String nodeHeap;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LocalFog fog = dirs.open(spec);
            List<LocalFog.Node> nodes;
            try {
                nodes = fog.nodes();
                String problem = fog.postgresProblem();
                if (problem != null) {
                    err.println("fogledger fog up: " + problem);
                    return 1;
                }
                List<String> created = fog.prepare();
                if (!created.isEmpty()) {
                    out.println("created keys in " + fog.dataDir().resolve("keys") + ": " + String.join(", ", created));
                }
            } catch (NodeConfigException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            FogProcesses processes = new FogProcesses(fog);
            List<LocalFog.Node> validators = nodes.stream().filter(LocalFog.Node::validator).toList();
            List<LocalFog.Node> others = nodes.stream().filter(node -> !node.validator()).toList();
            for (List<LocalFog.Node> group : List.of(validators, others)) {
                List<LocalFog.Node> waiting = new ArrayList<>();
                for (LocalFog.Node node : group) {
                    Optional<ProcessHandle> running = processes.running(node);
                    if (running.isPresent()) {
                        out.println(node.name() + ": already running (pid " + running.get().pid() + ")");
                        continue;
                    }
                    long pid = processes.start(node, nodeHeap);
                    out.println(node.name() + ": started (pid " + pid + "), log " + fog.logFile(node));
                    waiting.add(node);
                }
                out.flush();
                String failure = processes.awaitReady(waiting, Duration.ofSeconds(timeoutSeconds), line -> {
                    out.println(line);
                    out.flush();
                });
                if (failure != null) {
                    err.println("fogledger fog up: " + failure);
                    err.println("the nodes that started keep running; `fogledger fog down` stops them");
                    return 1;
                }
            }
            out.println("fog up: " + nodes.size() + " nodes READY (fogledger fog status, fogledger fog down)");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            header = "Show each node: pid, alive, READY, roles, port.",
            synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
            description = "Reads the pid files and logs under the data directory. Exits 0 if every node is alive "
                    + "and READY, 3 otherwise.",
            footerHeading = "%nExamples:%n", footer = "  fogledger fog status")
    static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private Dirs dirs;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LocalFog fog = dirs.open(spec);
            FogProcesses processes = new FogProcesses(fog);
            List<LocalFog.Node> nodes;
            try {
                nodes = fog.nodes();
            } catch (NodeConfigException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            out.printf("%-8s %-8s %-6s %-6s %-22s %s%n", "NODE", "PID", "ALIVE", "READY", "ROLES", "ADDRESS");
            boolean allUp = true;
            for (LocalFog.Node node : nodes) {
                Optional<Long> pid = processes.pid(node);
                boolean alive = processes.running(node).isPresent();
                boolean ready = alive && processes.readyLine(node).isPresent();
                allUp &= ready;
                out.printf("%-8s %-8s %-6s %-6s %-22s %s%n", node.name(), pid.map(String::valueOf).orElse("-"),
                        alive ? "yes" : "no", ready ? "yes" : "no", node.roles(), "127.0.0.1:" + node.port());
            }
            out.flush();
            return allUp ? 0 : 3;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            header = "Stop every node: SIGTERM, then SIGKILL after the grace period.",
            synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
            description = "Keys, genesis and journals stay: the next `fog up` continues the same chain.",
            footerHeading = "%nExamples:%n", footer = "  fogledger fog down --grace 10")
    static final class Down implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private Dirs dirs;

        @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long a node may take to stop after SIGTERM before it is killed. "
                        + "Default: ${DEFAULT-VALUE}")
        private int graceSeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LocalFog fog = dirs.open(spec);
            FogProcesses processes = new FogProcesses(fog);
            List<LocalFog.Node> nodes;
            try {
                nodes = new ArrayList<>(fog.nodes());
            } catch (NodeConfigException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            java.util.Collections.reverse(nodes); // agents and gateways leave before the validators
            for (LocalFog.Node node : nodes) {
                out.println(node.name() + ": " + processes.stop(node, Duration.ofSeconds(graceSeconds)));
                out.flush();
            }
            return 0;
        }
    }

    static String readAll(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
