package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.validator.Genesis;

/**
 * The local fog: {@code fog.conf} in the config directory names the chain, the validators' addresses, the nodes
 * (each {@code <name>.conf} beside it) and the keys to generate; the data directory holds what a first
 * {@code fog up} creates and later ones reuse.
 * <pre>
 * DATA/keys/&lt;key&gt;.key     private keys, created once, never overwritten
 * DATA/genesis.conf        the genesis written from the validators' keys (root operator: key "root")
 * DATA/&lt;node&gt;/node.conf  the file the node runs: fog.data, the genesis, then CONFIG/&lt;node&gt;.conf
 * DATA/&lt;node&gt;/node.log   its stdout and stderr;  DATA/&lt;node&gt;/node.pid  its process id
 * DATA/&lt;node&gt;/           a validator's H2 journal
 * </pre>
 */
final class LocalFog {
    /** One node of the fog, as fog.conf lists it. */
    record Node(String name, Path file, boolean validator, String roles, int port) {
    }

    private final Path configDir;
    private final Path dataDir;
    private final Config fog;

    private LocalFog(Path configDir, Path dataDir, Config fog) {
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.fog = fog;
    }

    static LocalFog open(Path configDir, Path dataDir) throws NodeConfigException {
        Path file = configDir.resolve("fog.conf");
        if (!Files.isRegularFile(file)) {
            throw new NodeConfigException(file.toAbsolutePath() + " does not exist: --config-dir must hold fog.conf "
                    + "and one <node>.conf per node (the repository's config/local-fog)");
        }
        try {
            Config fog = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve().getConfig("fog");
            return new LocalFog(configDir.toAbsolutePath().normalize(), dataDir.toAbsolutePath().normalize(), fog);
        } catch (ConfigException e) {
            throw new NodeConfigException(file + ": " + e.getMessage(), e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    String chainId() {
        return fog.getString("chain-id");
    }

    /** The nodes, in start order: validators first. */
    List<Node> nodes() throws NodeConfigException {
        List<Node> nodes = new ArrayList<>();
        for (Config entry : fog.getConfigList("nodes")) {
            String name = entry.getString("name");
            Path file = configDir.resolve(name + ".conf");
            if (!Files.isRegularFile(file)) {
                throw new NodeConfigException("fog.nodes: node " + name + " has no file " + file);
            }
            List<String> roles;
            try {
                roles = ConfigFactory.parseFile(file.toFile())
                        .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true))
                        .getStringList("fogledger.node.roles");
            } catch (ConfigException e) {
                throw new NodeConfigException(file + ": fogledger.node.roles: " + e.getMessage(), e);
            }
            nodes.add(new Node(name, file, roles.contains("validator"), String.join(",", roles), entry.getInt("port")));
        }
        nodes.sort((a, b) -> Boolean.compare(b.validator(), a.validator()));
        return nodes;
    }

    Path nodeDir(Node node) {
        return dataDir.resolve(node.name());
    }

    Path pidFile(Node node) {
        return nodeDir(node).resolve("node.pid");
    }

    Path logFile(Node node) {
        return nodeDir(node).resolve("node.log");
    }

    Path runFile(Node node) {
        return nodeDir(node).resolve("node.conf");
    }

    /**
     * Creates the keys that are missing (never overwriting one), writes the genesis from the validators' keys, and
     * each node's run file. Returns the names of the keys created.
     */
    List<String> prepare() throws IOException, NodeConfigException {
        Path keys = dataDir.resolve("keys");
        Files.createDirectories(keys);
        List<String> created = new ArrayList<>();
        List<Genesis.Member> members = new ArrayList<>();
        for (Node node : nodes()) {
            if (node.validator()) {
                KeyPair key = loadOrCreate(keys.resolve(node.name() + ".key"), created);
                members.add(new Genesis.Member(node.name(), key.publicKey(), "127.0.0.1", node.port()));
            }
        }
        for (String name : fog.getStringList("extra-keys")) {
            loadOrCreate(keys.resolve(name + ".key"), created);
        }
        List<PublicKey> roots = new ArrayList<>();
        for (String name : fog.getStringList("root-operators")) {
            roots.add(loadOrCreate(keys.resolve(name + ".key"), created).publicKey());
        }
        Genesis genesis = new Genesis(chainId(), members, List.of(), roots);
        Path genesisFile = dataDir.resolve("genesis.conf");
        Files.writeString(genesisFile, "# Written by `fogledger fog up` from the keys in keys/.\n" + genesis.toHocon(),
                StandardCharsets.UTF_8);
        for (Node node : nodes()) {
            Files.createDirectories(nodeDir(node));
            // A validator listens where the genesis says; another node where fog.conf says.
            String address = node.validator() ? "" : "fogledger.node.host = \"127.0.0.1\"\nfogledger.node.port = "
                    + node.port() + "\n";
            Files.writeString(runFile(node), """
                    # Written by `fogledger fog up`: the local fog's data directory, the genesis, then the node's file.
                    fog.data = "%s"
                    include file("%s")
                    include file("%s")
                    """.formatted(dataDir, genesisFile, node.file()) + address, StandardCharsets.UTF_8);
        }
        return created;
    }

    /** Null if the agents' shared PostgreSQL is reachable (or no node needs it), else why not. */
    String postgresProblem() throws NodeConfigException {
        boolean agents = nodes().stream().anyMatch(node -> node.roles().contains("agent"));
        if (!agents || !fog.hasPath("postgres")) {
            return null;
        }
        Config pg = fog.getConfig("postgres");
        String url = "jdbc:postgresql://" + pg.getString("host") + ":" + pg.getInt("port") + "/" + pg.getString("database");
        Properties props = new Properties();
        props.setProperty("user", pg.getString("user"));
        props.setProperty("password", pg.getString("password"));
        props.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(url, props)) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at " + url + " (user " + pg.getString("user") + ") is not reachable: " + e.getMessage()
                    + ". The agent nodes share their journal there (schema " + pg.getString("schema") + "); start "
                    + "PostgreSQL, or change fog.postgres in " + configDir.resolve("fog.conf");
        }
    }

    private static KeyPair loadOrCreate(Path file, List<String> created) throws IOException {
        if (!Files.exists(file)) {
            KeyPair key = KeyPair.generate();
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, Pem.writePrivateKey(key), StandardCharsets.US_ASCII);
                created.add(file.getFileName().toString());
                return key;
            } catch (FileAlreadyExistsException e) {
                // another run created it meanwhile: use that one
            }
        }
        try {
            return Pem.readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a PKCS#8 PEM private key: " + e.getMessage(), e);
        }
    }
}
