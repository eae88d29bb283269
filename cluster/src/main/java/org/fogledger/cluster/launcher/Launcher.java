package org.fogledger.cluster.launcher;

import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.fogledger.cluster.bench.BenchCommand;
import org.fogledger.cluster.node.FogCommand;
import org.fogledger.cluster.node.NodeCommand;
import org.fogledger.cluster.tls.CertsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code fogledger} command: one entry point for every FogLedger process. {@code bin/fogledger} builds the
 * project if needed and runs this class.
 */
@Command(
        name = "fogledger",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "FogLedger administers fleets of connected devices, and the personal data they produce, for parties "
                    + "that do not fully trust each other. Ranked agents manage the fleet; their disagreements are "
                    + "settled on a Byzantine-fault-tolerant replicated ledger whose smart contracts are "
                    + "event-sourced actors.",
            "",
            "This launcher starts FogLedger processes: the embedded demo, a node of a fog (validator, agent, "
                    + "gateway, API), a local fog of separate processes, benchmarks and, when the simulator module is "
                    + "on the classpath (bin/fogledger puts it there), the device-fleet simulator."
        },
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogledger demo            start one validator, print its status, stop",
            "  fogledger demo --stay     the same, but keep it running until Ctrl-C",
            "  fogledger node --config config/production/validator.conf   one node of a fog",
            "  fogledger fog up          a local fog: 4 validator and 2 agent/gateway processes",
            "  fogledger certs generate --out certs --nodes v0,v1   development CA and node certificates",
            "  fogledger bench ledger    4 validators in this JVM under load: tx/s, latency, CPU",
            "  fogledger help demo       what the demo does, and its options",
            "  fogledger version         versions of FogLedger, Pekko and Java",
            "",
            "bin/fogledger passes JAVA_OPTS to the JVM. Docs: README.md and docs/ in the repository."
        },
        subcommands = {DemoCommand.class, NodeCommand.class, FogCommand.class, CertsCommand.class, BenchCommand.class,
            VersionCommand.class, HelpCommand.class})
public final class Launcher implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The launcher with its built-in commands and those the modules on the classpath add. */
    public static CommandLine commandLine() {
        CommandLine launcher = new CommandLine(new Launcher());
        for (LauncherExtension extension : ServiceLoader.load(LauncherExtension.class)) {
            launcher.addSubcommand(extension.command());
        }
        return launcher;
    }

    /** No command given: a usage error that shows the commands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command. Try 'fogledger demo'.");
    }
}
