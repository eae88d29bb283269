package org.fogledger.agents.agent;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fogledger.ledger.contract.authority.Rank;
import org.fogledger.ledger.crypto.KeyPair;
import org.fogledger.ledger.crypto.Pem;

/**
 * The agents an agent node can host, by id. Sharding may start any region or site agent on any agent node (and
 * moves it when a node dies), so every agent node of a cluster lists the same agents and can read their keys.
 *
 * <p>Read from {@code fogledger.agents.identities}, a list of {@code {id, rank, jurisdiction, key-file}}; each key
 * file is a PKCS#8 PEM private key ({@link Pem#writePrivateKey}, or {@code openssl genpkey -algorithm ed25519}).
 * A missing or unreadable key file is an error naming the agent and the file: keys are never generated here.
 */
public final class AgentDirectory {
    /** Most agents one directory lists: each is a key in memory. */
    public static final int MAX_AGENTS = 10_000;

    private final SortedMap<String, AgentIdentity> byId;

    public AgentDirectory(List<AgentIdentity> identities) {
        if (identities.size() > MAX_AGENTS) {
            throw new IllegalArgumentException("an agent directory lists at most " + MAX_AGENTS + " agents, got "
                    + identities.size());
        }
        TreeMap<String, AgentIdentity> map = new TreeMap<>();
        int roots = 0;
        for (AgentIdentity identity : identities) {
            if (map.put(identity.id(), identity) != null) {
                throw new IllegalArgumentException("agent id '" + identity.id() + "' is listed twice");
            }
            if (identity.rank() == Rank.ROOT) {
                roots++;
            }
        }
        if (roots > 1) {
            throw new IllegalArgumentException("an agent cluster runs one root agent (a cluster singleton); "
                    + roots + " identities have rank root");
        }
        this.byId = Collections.unmodifiableSortedMap(map);
    }

    /** Reads {@code fogledger.agents.identities} of {@code config}. */
    public static AgentDirectory fromConfig(Config config) {
        List<AgentIdentity> identities = new ArrayList<>();
        List<? extends Config> entries = config.getConfigList("fogledger.agents.identities");
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String where = "fogledger.agents.identities[" + i + "]";
            for (String key : List.of("id", "rank", "jurisdiction", "key-file")) {
                if (!entry.hasPath(key)) {
                    throw new IllegalArgumentException(where + " has no '" + key + "'");
                }
            }
            String id = AgentIdentity.requireId(entry.getString("id"));
            Rank rank;
            try {
                rank = Rank.fromWireName(entry.getString("rank"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (agent " + id + "): " + e.getMessage(), e);
            }
            KeyPair key = readKey(id, Path.of(entry.getString("key-file")));
            identities.add(new AgentIdentity(id, key, rank, entry.getString("jurisdiction")));
        }
        return new AgentDirectory(identities);
    }

    static KeyPair readKey(String id, Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + " of agent " + id + ": " + e, e);
        }
        try {
            return Pem.readPrivateKey(pem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key file " + file + " of agent " + id
                    + " is not a PKCS#8 PEM private key: " + e.getMessage(), e);
        }
    }

    public Optional<AgentIdentity> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The agents of rank {@code rank}, by id. */
    public List<AgentIdentity> ofRank(Rank rank) {
        return byId.values().stream().filter(identity -> identity.rank() == rank).toList();
    }

    public Optional<AgentIdentity> root() {
        return ofRank(Rank.ROOT).stream().findFirst();
    }

    public int size() {
        return byId.size();
    }
}
