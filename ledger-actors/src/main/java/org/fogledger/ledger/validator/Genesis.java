package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.fogledger.ledger.chain.ValidatorSet;
import org.fogledger.ledger.contract.BuiltInContracts;
import org.fogledger.ledger.contract.ContractCatalog;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The genesis file: the chain id and the validator set, each validator with its public key and network address.
 * A validator's identity is its key; the order of the list is the leader order.
 *
 * <pre>
 * fogledger.genesis {
 *   chain-id = "fogledger-local"
 *   validators = [
 *     { name = "v1", public-key = "01ab...", host = "127.0.0.1", port = 25521 }
 *   ]
 * }
 * </pre>
 */
public record Genesis(String chainId, List<Member> validators, List<PublicKey> tokenMinters,
                      List<PublicKey> rootOperators) {

    /** A chain whose token supply nobody can create (no minters): the common case for tests and demos. */
    public Genesis(String chainId, List<Member> validators) {
        this(chainId, validators, List.of(), List.of());
    }

    /** One validator: a name for people, its tagged public key (hex), and where its node listens. */
    public record Member(String name, PublicKey key, String host, int port) {
        public String address() {
            return "pekko://" + ValidatorNode.SYSTEM_NAME + "@" + host + ":" + port;
        }
    }

    public Genesis {
        validators = List.copyOf(validators);
        tokenMinters = List.copyOf(tokenMinters);
        rootOperators = List.copyOf(rootOperators);
        if (chainId == null || chainId.isBlank()) {
            throw new IllegalArgumentException("genesis: chain-id is missing");
        }
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("genesis: no validators");
        }
        Set<PublicKey> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Member member : validators) {
            if (!keys.add(member.key())) {
                throw new IllegalArgumentException("genesis: validator " + member.name() + " repeats a public key");
            }
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("genesis: two validators are named " + member.name());
            }
        }
    }

    public ValidatorSet validatorSet() {
        return new ValidatorSet(validators.stream().map(Member::key).toList());
    }

    public Member member(String name) {
        return validators.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("genesis: no validator named " + name));
    }

    public Member member(PublicKey key) {
        return validators.stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("genesis: key " + key.keyId().shortHex()
                        + " is not a validator"));
    }

    /**
     * A chain of validators on this machine: named v0, v1, ... in the keys' order, each on 127.0.0.1 at a TCP port
     * free right now. For the demo, benchmarks and tests that run several validators on one host.
     */
    public static Genesis onLoopback(String chainId, List<PublicKey> keys) {
        List<Member> members = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            members.add(new Member("v" + i, keys.get(i), "127.0.0.1", freeLoopbackPort()));
        }
        return new Genesis(chainId, members);
    }

    /** A TCP port nothing listens on at the moment, outside the ephemeral range (see {@link LoopbackPorts}). */
    public static int freeLoopbackPort() {
        return LoopbackPorts.free();
    }

    /** Reads {@code fogledger.genesis} from a config, naming the entry that is wrong. */
    public static Genesis fromConfig(Config config) {
        Config genesis = config.getConfig("fogledger.genesis");
        List<Member> members = new ArrayList<>();
        int index = 0;
        for (Config entry : genesis.getConfigList("validators")) {
            String where = "genesis: validators[" + index++ + "]";
            try {
                PublicKey key = PublicKey.fromEncoded(HexFormat.of().parseHex(entry.getString("public-key")));
                members.add(new Member(entry.getString("name"), key, entry.getString("host"), entry.getInt("port")));
            } catch (ConfigException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new Genesis(genesis.getString("chain-id"), members, keys(genesis, "token-minters"),
                keys(genesis, "root-operators"));
    }

    /** An optional list of tagged-hex keys; a key that does not parse is named by its place in the list. */
    private static List<PublicKey> keys(Config genesis, String path) {
        List<PublicKey> keys = new ArrayList<>();
        if (genesis.hasPath(path)) {
            int i = 0;
            for (String hex : genesis.getStringList(path)) {
                try {
                    keys.add(PublicKey.fromEncoded(HexFormat.of().parseHex(hex)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("genesis: " + path + "[" + i + "]: " + e.getMessage(), e);
                }
                i++;
            }
        }
        return keys;
    }

    /** The contracts every validator of this chain runs from genesis, with this chain's minters and operators. */
    public ContractCatalog contracts() {
        return BuiltInContracts.catalog(chainId, tokenMinters, rootOperators);
    }

    /** The same file, as HOCON, for tools that write one. */
    public String toHocon() {
        StringBuilder text = new StringBuilder("fogledger.genesis {\n  chain-id = \"" + chainId + "\"\n  validators = [\n");
        for (Member m : validators) {
            text.append("    { name = \"").append(m.name()).append("\", public-key = \"")
                    .append(HexFormat.of().formatHex(m.key().encoded())).append("\", host = \"").append(m.host())
                    .append("\", port = ").append(m.port()).append(" }\n");
        }
        text.append("  ]\n");
        appendKeys(text, "token-minters", tokenMinters);
        appendKeys(text, "root-operators", rootOperators);
        return text.append("}\n").toString();
    }

    private static void appendKeys(StringBuilder text, String name, List<PublicKey> keys) {
        if (!keys.isEmpty()) {
            text.append("  ").append(name).append(" = [");
            for (int i = 0; i < keys.size(); i++) {
                text.append(i == 0 ? "\"" : ", \"").append(HexFormat.of().formatHex(keys.get(i).encoded()))
                        .append('"');
            }
            text.append("]\n");
        }
    }
}
