package org.fogledger.cluster.fogctl;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fogledger.ledger.crypto.KeyPair;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code fogctl}, the operator's command line (docs/FOGCTL.md): kubectl-style {@code apply}, {@code diff},
 * {@code get}, {@code describe}, and commands for devices, decisions, consents and audit proofs. It signs every
 * transaction locally with the operator's key and talks to a node's HTTP API ({@code --server}).
 */
@Command(name = "fogctl", mixinStandardHelpOptions = true,
        versionProvider = Fogctl.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"The FogLedger operator's command line. Signs transactions locally with your key (keys never"
                + " leave this machine) and talks to a node's HTTP API.", ""},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fogctl keys generate --out ~/.fogctl/operator.key",
            "  fogctl apply -f config/examples/policy.yaml --dry-run=client",
            "  fogctl apply -f config/examples/ --key ~/.fogctl/operator.key",
            "  fogctl get policies --under /eu -o yaml",
            "  fogctl audit verify proof.json --genesis config/genesis.conf",
            "  source <(fogctl completion bash)",
            "",
            "Exit codes: 0 ok, 1 a negative answer (diff: changes; verify: invalid; check: deny), 2 refused by the"
                    + " server or ledger, 3 server unreachable, 4 a local file is wrong, 64 usage error.",
            "Settings: --server/FOGCTL_SERVER, --key/FOGCTL_KEY, --chain-id/FOGCTL_CHAIN_ID, --cacert/FOGCTL_CACERT,"
                    + " or the config file (~/.fogctl/config: server=, key=, chain-id=, cacert=). Docs:"
                    + " docs/FOGCTL.md."
        },
        subcommands = {ApplyCommand.class, DiffCommand.class, GetCommand.class, DescribeCommand.class,
            DeviceCommand.class, DecideCommand.class, ConsentCommand.class, AuditCommand.class, KeysCommand.class,
            Fogctl.CompletionCommand.class, HelpCommand.class})
public final class Fogctl implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The node's HTTP API (default: FOGCTL_SERVER, the config file, else "
                    + FogctlConfig.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--key", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Your private key file, to sign with (default: FOGCTL_KEY or the config file's key).")
    Path keyFile;

    @Option(names = "--chain-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "The chain id to sign for (default: FOGCTL_CHAIN_ID, the config file, else the server's).")
    String chainId;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "fogctl's config file (default: ~/.fogctl/config).")
    Path configFile;

    @Option(names = "--cacert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "For an https:// server: trust the CA certificate(s) in this PEM file, such as the ca.crt "
                    + "of 'fogledger certs generate' (default: FOGCTL_CACERT, the config file's cacert=, else the "
                    + "JVM's trusted CAs).")
    Path caCert;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the server's answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Map<String, String> environment;
    private FogctlConfig config;

    public Fogctl() {
        this(System.getenv());
    }

    Fogctl(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Fogctl()).execute(args));
    }

    /** The command line with fogctl's error handling: one line on stderr and an {@link ExitCode}, no trace. */
    static CommandLine commandLine(Fogctl fogctl) {
        CommandLine commandLine = new CommandLine(fogctl);
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        commandLine.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("fogctl: usage: " + e.getMessage());
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
            PrintWriter err = failed.getErr();
            if (e instanceof FogctlException failure) {
                err.println(failure.line());
                err.flush();
                return failure.exitCode();
            }
            if (e instanceof ParameterException usage) {
                err.println("fogctl: usage: " + usage.getMessage());
                err.flush();
                return ExitCode.USAGE;
            }
            err.println("fogctl: internal-error: " + e + " (this is a bug in fogctl; please report it)");
            err.flush();
            return ExitCode.INTERNAL;
        });
        return commandLine;
    }

    /** No command given: a usage error that shows the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command. Try 'fogctl --help'.");
    }

    /** The Fogctl instance at the root of {@code spec}'s command line, which holds the shared options. */
    static Fogctl of(CommandSpec spec) {
        return (Fogctl) spec.root().userObject();
    }

    FogctlConfig config() {
        if (config == null) {
            config = FogctlConfig.load(configFile != null ? configFile : FogctlConfig.defaultFile(), environment);
        }
        return config;
    }

    ApiClient api() {
        String url = config().pick(server, "FOGCTL_SERVER", "server");
        URI uri;
        try {
            uri = URI.create(url == null ? FogctlConfig.DEFAULT_SERVER : url);
        } catch (IllegalArgumentException e) {
            throw new FogctlException(ExitCode.USAGE, "usage", "--server: not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new FogctlException(ExitCode.USAGE, "usage", "--server: expected http://HOST:PORT or https://...,"
                    + " got '" + uri + "'");
        }
        if (timeoutSeconds < 1) {
            throw new FogctlException(ExitCode.USAGE, "usage", "--timeout must be at least 1 second");
        }
        String ca = config().pick(caCert == null ? null : caCert.toString(), "FOGCTL_CACERT", "cacert");
        return new ApiClient(uri, Duration.ofSeconds(timeoutSeconds), ca == null ? null : TrustedCa.context(
                Path.of(ca.startsWith("~/") ? System.getProperty("user.home") + ca.substring(1) : ca)));
    }

    /** The path of the signing key, or a usage error saying how to give one. */
    Path keyPath() {
        String path = config().pick(keyFile == null ? null : keyFile.toString(), "FOGCTL_KEY", "key");
        if (path == null) {
            throw new FogctlException(ExitCode.USAGE, "usage", "this command signs a transaction: give --key FILE"
                    + " (or FOGCTL_KEY, or key= in " + config().file() + "); create one with 'fogctl keys generate'");
        }
        return Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
    }

    KeyPair key() {
        return KeyFiles.read(keyPath());
    }

    /** The given chain id (option, environment, config file), or null to ask the server. */
    String givenChainId() {
        return config().pick(chainId, "FOGCTL_CHAIN_ID", "chain-id");
    }

    Submitter submitter(ApiClient api, KeyPair key) {
        return new Submitter(api, key, Submitter.chainId(api, givenChainId()), config().nonceDirectory());
    }

    /** The project version, from the launcher's filtered build.properties. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = Fogctl.class.getResourceAsStream(
                    "/org/fogledger/cluster/launcher/build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {"fogctl " + build.getProperty("fogledger.version", "unknown") + " (Java "
                    + System.getProperty("java.version") + ")"};
        }
    }

    /** {@code fogctl completion bash|zsh}: picocli's completion script, which serves both shells. */
    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = {"Print a shell completion script for bash or zsh.",
                "bash: source <(fogctl completion bash)   zsh: autoload -U +X bashcompinit && bashcompinit;"
                        + " source <(fogctl completion zsh)"},
            footerHeading = "%nExample:%n", footer = "  fogctl completion bash > /etc/bash_completion.d/fogctl")
    static final class CompletionCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
        String shell;

        @Override
        public void run() {
            if (!shell.equals("bash") && !shell.equals("zsh")) {
                throw new ParameterException(spec.commandLine(), "SHELL must be bash or zsh, got '" + shell + "'");
            }
            // picocli's script is bash; zsh runs it through bashcompinit, as its header says.
            String script = AutoComplete.bash("fogctl", spec.root().commandLine());
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        }
    }
}
