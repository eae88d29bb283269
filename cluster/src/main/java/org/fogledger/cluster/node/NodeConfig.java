package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fogledger.ledger.storage.StorageNames;
import org.fogledger.ledger.validator.Genesis;

/**
 * A node file, read and checked: its name, its roles (each built, keys read), its genesis and its Artery address.
 * Nothing starts here; every problem is a {@link NodeConfigException} naming the key.
 *
 * <pre>
 * include "genesis.conf"                  # or the fogledger.genesis block itself
 * fogledger.node {
 *   name = "edge-1"
 *   roles = [agent, gateway]              # any of: validator, agent, gateway, api
 *   host = "10.0.0.7"                     # Artery address; a validator's comes from the genesis
 *   port = 25530
 *   # validator role: key-file, data-dir, consensus { ... } as for ValidatorProcess
 * }
 * fogledger.storage { ... }               # the node's journal (validator: its own; agent: the shared one)
 * fogledger.agents { identities = [...] } # agent role
 * fogledger.gateway { id, key-file, ... } # gateway role
 * fogledger.api { ... }                   # api role
 * pekko { ... }                           # any Pekko key (TLS, management); the file wins over generated keys
 * </pre>
 */
public record NodeConfig(Path file, String name, List<NodeRole> roles, Genesis genesis, String host, int port,
                         Config fileConfig, Config settings) {

    /** Artery listens on this port when a non-validator node's file gives none. */
    public static final int DEFAULT_PORT = 25520;

    public Set<NodeRoleName> roleNames() {
        EnumSet<NodeRoleName> names = EnumSet.noneOf(NodeRoleName.class);
        roles.forEach(role -> names.add(role.name()));
        return names;
    }

    /** Reads {@code file}; the roles are built (keys read, settings checked) but not started. */
    public static NodeConfig read(Path file) throws NodeConfigException {
        if (!Files.isRegularFile(file)) {
            throw new NodeConfigException("node config file " + file.toAbsolutePath() + " does not exist or is not a file");
        }
        Config parsed;
        Config settings;
        try {
            Config raw = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            settings = raw.withFallback(ConfigFactory.defaultReference()).resolve();
            // The file stays without reference.conf, so that layering it over generated keys does not mask them
            // with defaults. It resolves on its own (its keys, environment variables); only a file that refers to
            // reference.conf keys needs resolveWith, which Typesafe Config cannot do for `x = ${?VAR}` overrides.
            try {
                parsed = raw.resolve();
            } catch (ConfigException.UnresolvedSubstitution e) {
                parsed = raw.resolveWith(settings);
            }
        } catch (ConfigException e) {
            throw new NodeConfigException(e.getMessage(), e);
        }

        String name = NodeFileKeys.string(parsed, "fogledger.node.name");
        try {
            StorageNames.requireNodeName(name);
        } catch (IllegalArgumentException e) {
            throw new NodeConfigException("fogledger.node.name: " + e.getMessage(), e);
        }
        List<NodeRoleName> roleNames = roleNames(parsed);

        if (!parsed.hasPath("fogledger.genesis")) {
            throw new NodeConfigException("fogledger.genesis: missing (write the block or include the genesis file; "
                    + "its validators are the cluster's seed nodes)");
        }
        Genesis genesis;
        try {
            genesis = Genesis.fromConfig(parsed);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new NodeConfigException("fogledger.genesis: " + e.getMessage(), e);
        }

        List<NodeRole> roles = new ArrayList<>();
        String host;
        int port;
        ValidatorRole validator = null;
        if (roleNames.contains(NodeRoleName.VALIDATOR)) {
            validator = ValidatorRole.fromFile(file);
            roles.add(validator);
        }
        if (validator != null) {
            Genesis.Member member = validator.member();
            host = member.host();
            port = member.port();
            if (parsed.hasPath("fogledger.node.host") && !NodeFileKeys.string(parsed, "fogledger.node.host").equals(host)) {
                throw new NodeConfigException("fogledger.node.host = \"" + parsed.getString("fogledger.node.host")
                        + "\", but the genesis says validator " + member.name() + " listens on " + host
                        + " (leave the key out on a validator node)");
            }
            if (parsed.hasPath("fogledger.node.port") && NodeFileKeys.integer(parsed, "fogledger.node.port", 0, 65535) != port) {
                throw new NodeConfigException("fogledger.node.port = " + parsed.getInt("fogledger.node.port")
                        + ", but the genesis says validator " + member.name() + " listens on port " + port
                        + " (leave the key out on a validator node)");
            }
        } else {
            host = NodeFileKeys.string(parsed, "fogledger.node.host");
            port = NodeFileKeys.integer(parsed, "fogledger.node.port", 0, 65535, DEFAULT_PORT);
        }
        if (roleNames.contains(NodeRoleName.AGENT)) {
            roles.add(AgentRole.fromConfig(settings, genesis));
        }
        if (roleNames.contains(NodeRoleName.GATEWAY)) {
            roles.add(GatewayRole.fromConfig(settings, file, genesis));
        }
        if (roleNames.contains(NodeRoleName.API)) {
            roles.add(ApiRole.fromConfig(settings, genesis));
        }
        return new NodeConfig(file, name, List.copyOf(roles), genesis, host, port, parsed, settings);
    }

    private static List<NodeRoleName> roleNames(Config parsed) throws NodeConfigException {
        String path = "fogledger.node.roles";
        if (!parsed.hasPath(path)) {
            throw new NodeConfigException(path + ": missing: list the roles this node runs, any of "
                    + NodeRoleName.known() + " (for instance roles = [agent, gateway])");
        }
        List<String> written;
        try {
            written = parsed.getStringList(path);
        } catch (ConfigException e) {
            throw new NodeConfigException(path + ": must be a list of role names (" + NodeRoleName.known() + "): "
                    + e.getMessage(), e);
        }
        if (written.isEmpty()) {
            throw new NodeConfigException(path + ": empty: a node runs at least one of " + NodeRoleName.known());
        }
        List<NodeRoleName> roles = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            NodeRoleName role;
            try {
                role = NodeRoleName.fromWireName(written.get(i));
            } catch (IllegalArgumentException e) {
                throw new NodeConfigException(path + "[" + i + "]: " + e.getMessage(), e);
            }
            if (roles.contains(role)) {
                throw new NodeConfigException(path + "[" + i + "]: '" + role + "' is listed twice");
            }
            roles.add(role);
        }
        if (roles.contains(NodeRoleName.VALIDATOR) && roles.contains(NodeRoleName.AGENT)) {
            // Both keep their events in the ActorSystem's one default journal, and they need different ones.
            throw new NodeConfigException(path + ": 'validator' and 'agent' cannot share a node: a validator's journal "
                    + "is its own, agents' is the one all agent nodes share, and a node has one journal. Run them "
                    + "as two nodes (a validator node, and an agent node with the gateway or api roles if wanted)");
        }
        return roles;
    }
}
