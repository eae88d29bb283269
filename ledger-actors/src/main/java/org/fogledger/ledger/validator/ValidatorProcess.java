package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fogledger.ledger.consensus.ConsensusConfig;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.storage.StorageChoice;

/**
 * One validator as an operating-system process.
 *
 * <pre>
 * java -cp ... org.fogledger.ledger.validator.ValidatorProcess node.conf
 * </pre>
 *
 * The node file (HOCON; includes are resolved relative to it):
 * <pre>
 * include "genesis.conf"                      # or the fogledger.genesis block itself
 * fogledger.node {
 *   name = "v1"                               # must be this key's name in the genesis file
 *   key-file = "/etc/fogledger/validator.key" # PKCS#8 PEM (Pem.writePrivateKey, or openssl genpkey)
 *   data-dir = "/var/lib/fogledger/v1"        # the H2 journal goes here unless fogledger.storage says otherwise
 *   # optional consensus tuning (defaults: ConsensusConfig.defaults)
 *   # consensus { base-round-timeout = 1s, max-round-timeout = 8s, idle-proposal-delay = 200ms }
 * }
 * # optional: fogledger.storage { kind = "postgres", ... }  (see config/validator-*.conf)
 * # optional: any pekko.* key; the whole file is layered over the node's generated configuration
 * </pre>
 *
 * Prints {@code READY <name> <host:port>} on stdout once the ActorSystem is up, then runs until the process is
 * stopped; SIGTERM (or Ctrl-C) stops it cleanly: the JVM shutdown hook closes the node (the cluster is left
 * gracefully and the journal closed). Exit codes: 2 for a wrong command line or configuration (the message names
 * the key), 1 if the node could not start or stopped by itself.
 */
public final class ValidatorProcess {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_CONFIG = 2;

    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    private ValidatorProcess() {
    }

    /** What a node file says, checked. Public for the launcher's {@code node} command, which runs the same file. */
    public record Launch(String name, KeyPair key, Path dataDir, Genesis genesis, StorageChoice storage,
                  ValidatorSettings settings, Config file) {
    }

    /** A configuration error: the message names the key (or file) at fault. */
    public static final class ConfigError extends Exception {
        ConfigError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> " + ValidatorProcess.class.getName() + " <node-config-file>");
            System.exit(EXIT_CONFIG);
            return;
        }
        Launch launch;
        try {
            launch = read(Path.of(args[0]));
        } catch (ConfigError e) {
            System.err.println("configuration error in " + args[0] + ": " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        System.exit(run(launch, System.out));
    }

    /** Starts the node, announces it, and blocks until it stops; returns the exit code. */
    static int run(Launch launch, PrintStream out) {
        ValidatorNode node;
        try {
            Config storage = JournalSettings.prepare(launch.name(), launch.storage());
            node = ValidatorNode.start(launch.genesis(), launch.settings(), storage, launch.file());
        } catch (RuntimeException e) {
            System.err.println("validator " + launch.name() + " could not start: " + e);
            e.printStackTrace();
            return EXIT_FAILURE;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                node.close();
            } catch (RuntimeException e) {
                System.err.println("validator " + launch.name() + ": " + e.getMessage());
            }
        }, "fogledger-shutdown-" + launch.name()));

        Genesis.Member member = node.member();
        out.println("READY " + launch.name() + " " + member.host() + ":" + member.port());
        out.flush();

        try {
            node.system().getWhenTerminated().toCompletableFuture().join();
        } catch (RuntimeException e) {
            // terminated exceptionally: still terminated
        }
        if (stopping.get()) {
            // The shutdown hook is closing the node; the JVM exits with the signal's status when it is done.
            sleepQuietly(SHUTDOWN_LIMIT);
            return 0;
        }
        System.err.println("validator " + launch.name() + ": the actor system stopped by itself");
        return EXIT_FAILURE;
    }

    /** Reads and checks a node file; every problem is a {@link ConfigError} naming its key. */
    public static Launch read(Path file) throws ConfigError {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("node config file " + file.toAbsolutePath() + " does not exist or is not a file",
                    null);
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    ;
            // Substitutions may refer to the file's own keys, reference.conf's, or environment variables; the file
            // itself stays without reference.conf, so that passing it as overrides cannot mask generated keys.
            // resolveWith cannot resolve `x = ${?VAR}` overrides (Typesafe Config: "replace in parent not
            // possible"), which config/validator-postgres.conf uses for the password: resolve on its own first.
            try {
                parsed = parsed.resolve();
            } catch (ConfigException.UnresolvedSubstitution e) {
                parsed = parsed.resolveWith(parsed.withFallback(ConfigFactory.defaultReference()));
            }
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }

        String name = requireString(parsed, "fogledger.node.name");
        try {
            org.fogledger.ledger.storage.StorageNames.requireNodeName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("fogledger.node.name: " + e.getMessage(), e);
        }
        Path dataDir = Path.of(requireString(parsed, "fogledger.node.data-dir")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | RuntimeException e) {
            throw new ConfigError("fogledger.node.data-dir: cannot create " + dataDir + ": " + e, e);
        }

        Path keyPath = Path.of(requireString(parsed, "fogledger.node.key-file"));
        Path keyFile = keyPath.isAbsolute() ? keyPath : file.toAbsolutePath().getParent().resolve(keyPath);
        KeyPair key;
        try {
            key = Pem.readPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ConfigError("fogledger.node.key-file: cannot read " + keyFile + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("fogledger.node.key-file: " + keyFile + ": " + e.getMessage(), e);
        }

        if (!parsed.hasPath("fogledger.genesis")) {
            throw new ConfigError("fogledger.genesis: missing (write the block or include the genesis file)", null);
        }
        Genesis genesis;
        try {
            genesis = Genesis.fromConfig(parsed);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigError("fogledger.genesis: " + e.getMessage(), e);
        }
        Genesis.Member member = genesis.validators().stream().filter(m -> m.key().equals(key.publicKey()))
                .findFirst().orElseThrow(() -> new ConfigError("fogledger.node.key-file: the key in " + keyFile
                        + " (" + key.publicKey().keyId().shortHex() + ") is not a validator of fogledger.genesis", null));
        if (!member.name().equals(name)) {
            throw new ConfigError("fogledger.node.name = \"" + name + "\", but fogledger.genesis names this key \""
                    + member.name() + "\"", null);
        }

        ConsensusConfig consensus = consensus(parsed, genesis.chainId());
        ValidatorSettings settings;
        try {
            settings = ValidatorSettings.defaults(key, genesis.validatorSet(), genesis.chainId()).withConsensus(consensus)
                    .withContracts(genesis.contracts());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("fogledger.node: " + e.getMessage(), e);
        }

        StorageChoice storage;
        try {
            // The node's data directory is the default place of its H2 journal; an explicit
            // fogledger.storage.h2.data-dir in the file wins.
            Config withDefaults = parsed
                    .withFallback(ConfigFactory.parseMap(Map.of("fogledger.storage.h2.data-dir", dataDir.toString())))
                    .withFallback(ConfigFactory.defaultReference());
            storage = StorageChoice.fromConfig(withDefaults, name);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("fogledger.storage: " + e.getMessage(), e);
        }
        return new Launch(name, key, dataDir, genesis, storage, settings, parsed);
    }

    private static ConsensusConfig consensus(Config config, String chainId) throws ConfigError {
        ConsensusConfig defaults = ConsensusConfig.defaults(chainId);
        String prefix = "fogledger.node.consensus.";
        long base = millis(config, prefix + "base-round-timeout", defaults.baseRoundTimeoutMillis());
        long max = millis(config, prefix + "max-round-timeout", defaults.maxRoundTimeoutMillis());
        long idle = millis(config, prefix + "idle-proposal-delay", defaults.idleProposalDelayMillis());
        try {
            return defaults.withRoundTimeouts(base, max, idle);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("fogledger.node.consensus: " + e.getMessage(), e);
        }
    }

    private static long millis(Config config, String path, long fallback) throws ConfigError {
        if (!config.hasPath(path)) {
            return fallback;
        }
        try {
            return config.getDuration(path, TimeUnit.MILLISECONDS);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }

    private static String requireString(Config config, String path) throws ConfigError {
        try {
            if (!config.hasPath(path)) {
                throw new ConfigError(path + ": missing", null);
            }
            String value = config.getString(path);
            if (value.isBlank()) {
                throw new ConfigError(path + ": empty", null);
            }
            return value;
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
