package org.fogledger.agents;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.time.Duration;

/**
 * Runs one agent node: {@code java org.fogledger.agents.AgentNodeMain agent-node.conf}. The file includes the
 * genesis and sets {@code fogledger.agents} (node name and address, the agents' identities and key files) and
 * {@code fogledger.storage} (the shared journal). Prints {@code READY <name> <host>:<port>} once the node is an Up
 * member of the cluster; stops cleanly on SIGTERM.
 */
public final class AgentNodeMain {
    private AgentNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: AgentNodeMain <agent-node.conf>");
            System.exit(2);
        }
        File file = new File(args[0]);
        if (!file.isFile()) {
            System.err.println("agent node configuration " + file + " is not a readable file");
            System.exit(2);
        }
        Config nodeConfig = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        AgentNode node;
        try {
            node = AgentNode.start(nodeConfig);
        } catch (RuntimeException e) {
            System.err.println("agent node did not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "agent-node-shutdown"));
        if (!node.awaitUp(Duration.ofSeconds(120))) {
            System.err.println("agent node " + node.name() + " did not become an Up cluster member within 120 s");
            System.exit(1);
        }
        var address = node.system().address();
        System.out.println("READY " + node.name() + " " + address.getHost().get() + ":" + address.getPort().get());
        System.out.flush();
        node.system().getWhenTerminated().toCompletableFuture().get();
    }
}
