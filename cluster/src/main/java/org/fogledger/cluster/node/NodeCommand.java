package org.fogledger.cluster.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fogledger node --config FILE}: one node of a fog, running the roles its file lists. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        header = "Run one FogLedger node: a cluster member with the roles its config file lists.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = {
            "Reads the node file (HOCON), checks it, then starts one Pekko ActorSystem that joins the cluster (the "
                    + "genesis validators are the seed nodes) and runs each role of fogledger.node.roles: "
                    + "validator (consensus and contracts, its own journal), agent (ranked agents, sharded, on the "
                    + "journal all agent nodes share), gateway (the devices' enforcement point), api (the HTTP API).",
            "",
            "Prints 'READY <name> roles=[...] <host>:<port>' on stdout once the node is an Up cluster member, then "
                    + "runs until stopped; SIGTERM or Ctrl-C stops it cleanly. Exit codes: 2 for a wrong command "
                    + "line or config file (the message names the key), 1 if the node could not start or stopped "
                    + "by itself. docs/DEPLOYMENT.md lists every key."
        },
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger node --config config/production/validator.conf",
            "  fogledger node --config edge.conf --check     check the file (keys, roles, genesis) and exit"
        })
public final class NodeCommand implements Callable<Integer> {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_CONFIG = 2;

    private static final Duration UP_LIMIT = Duration.ofSeconds(120);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The node file (HOCON); includes are resolved relative to it.")
    private Path config;

    @Option(names = "--check", description = "Read and check the file, build every role (keys, settings), print "
            + "what the node would run, and exit without starting it.")
    private boolean check;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig node;
        try {
            node = NodeConfig.read(config);
        } catch (NodeConfigException e) {
            err.println("fogledger node: configuration error in " + config + ": " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        if (check) {
            out.println("OK " + node.name() + " roles=" + node.roleNames() + " " + node.host() + ":" + node.port()
                    + " chain=" + node.genesis().chainId());
            out.flush();
            return 0;
        }
        RunningNode running;
        try {
            running = RunningNode.start(node);
        } catch (RuntimeException e) {
            err.println("fogledger node: " + node.name() + " could not start: " + e.getMessage());
            e.printStackTrace(err);
            err.flush();
            return EXIT_FAILURE;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                running.close();
            } catch (RuntimeException e) {
                System.err.println("fogledger node " + node.name() + ": " + e.getMessage());
            }
        }, "fogledger-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        if (!running.awaitUp(UP_LIMIT)) {
            if (!stopping.get()) {
                err.println("fogledger node: " + node.name() + " did not become an Up cluster member within "
                        + UP_LIMIT.toSeconds() + " s (are the seed nodes, the genesis validators, reachable?)");
                err.flush();
            }
            return EXIT_FAILURE;
        }
        out.println(running.readyLine());
        out.flush();
        try {
            running.system().getWhenTerminated().toCompletableFuture().join();
        } catch (RuntimeException e) {
            // terminated exceptionally: still terminated
        }
        if (stopping.get()) {
            // The shutdown hook is stopping the node; the JVM exits with the signal's status when it is done.
            Thread.sleep(Duration.ofSeconds(30).toMillis());
            return 0;
        }
        err.println("fogledger node: " + node.name() + ": the actor system stopped by itself (downed, or left the "
                + "cluster); see its log");
        err.flush();
        return EXIT_FAILURE;
    }
}
