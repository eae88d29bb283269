package org.fogledger.cluster.tls;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fogledger certs}: certificates for Artery over TLS. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        header = "Certificates for TLS between nodes (Artery tls-tcp).",
        synopsisHeading = "%nUsage: ",
        synopsisSubcommandLabel = "COMMAND",
        descriptionHeading = "%n",
        description = "Nodes talk over Artery with TLS and mutual authentication: each node presents its own "
                + "certificate and accepts only peers whose certificate the cluster's CA signed.",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger certs generate --out certs --nodes v0,v1,v2,v3,edge-1"
        },
        subcommands = {CertsCommand.Generate.class, HelpCommand.class})
public final class CertsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command. Try 'fogledger certs generate --help'.");
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            header = "Create a development CA and per-node certificates with their PKCS#12 stores.",
            synopsisHeading = "%nUsage: ",
            descriptionHeading = "%n",
            description = {
                "Writes into DIR: ca.p12 (the CA key: keep it off the nodes), truststore.p12 (the CA certificate), "
                        + "<node>.p12 (the node's key and certificate, signed by the CA), <node>-tls.conf (the "
                        + "Artery settings, to include from the node file) and store-password. Prints the settings.",
                "",
                "Runs again safely: an existing CA, password and node store are reused, never overwritten; only "
                        + "missing nodes are added. For development and tests; production uses its own CA with "
                        + "the same layout (see docs/DEPLOYMENT.md)."
            },
            optionListHeading = "%nOptions:%n",
            footerHeading = "%nExamples:%n",
            footer = {
                "  fogledger certs generate --out certs --nodes v0,v1,v2,v3",
                "  fogledger certs generate --out certs --nodes edge-1 --hosts edge-1.example.org,10.0.0.7"
            })
    static final class Generate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory of the stores.")
        private Path out;

        @Option(names = "--nodes", paramLabel = "NAME", split = ",", required = true,
                description = "Node names (comma-separated): one certificate and store each.")
        private List<String> nodes;

        @Option(names = "--hosts", paramLabel = "HOST", split = ",",
                description = "Extra DNS names or IP addresses every new node certificate names (beside the node "
                        + "name, localhost and 127.0.0.1).")
        private List<String> hosts = List.of();

        @Option(names = "--days", paramLabel = "N", defaultValue = "365",
                description = "Validity of node certificates in days (the CA's: twice that). Default: ${DEFAULT-VALUE}")
        private int days;

        @Override
        public Integer call() throws Exception {
            PrintWriter stdout = spec.commandLine().getOut();
            List<DevCertificates.NodeStore> stores;
            try {
                stores = new DevCertificates(out).generate(nodes, hosts, Duration.ofDays(days));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            for (DevCertificates.NodeStore store : stores) {
                stdout.println("# " + store.node() + ": " + (store.created() ? "created " : "kept ") + store.keyStore()
                        + "; include \"" + store.artery() + "\" from its node file, or add:");
                stdout.println(java.nio.file.Files.readString(store.artery()));
            }
            stdout.flush();
            return 0;
        }
    }
}
