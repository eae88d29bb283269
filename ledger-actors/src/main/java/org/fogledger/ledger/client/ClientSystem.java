package org.fogledger.ledger.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorNode;

/**
 * An ActorSystem that joins the validators' Pekko Cluster as a client member (role {@code client}), for processes
 * that are not validators but submit transactions: the CLI, benchmarks, the simulator. It only joins: the
 * validators of the genesis file are its seed nodes, and it registers nothing with the receptionist, so validators
 * never take it for a peer. Give it to {@link LedgerClient#create}.
 */
public final class ClientSystem {
    /** The cluster role of client members. */
    public static final String ROLE = "client";

    private ClientSystem() {
    }

    /**
     * Starts the client member.
     *
     * @param host      the address validators reach this process at (replies travel back to it)
     * @param port      its Artery port; 0 picks a free one
     * @param overrides any Pekko settings to add (wins over everything else)
     */
    public static ActorSystem<Void> start(Genesis genesis, String host, int port, Config overrides) {
        return ActorSystem.create(Behaviors.empty(), ValidatorNode.SYSTEM_NAME,
                overrides.withFallback(config(genesis, host, port)).withFallback(ConfigFactory.load()));
    }

    /** The membership settings {@link #start} uses, for callers that build the ActorSystem themselves. */
    public static Config config(Genesis genesis, String host, int port) {
        List<String> seeds = genesis.validators().stream().map(Genesis.Member::address).toList();
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "%s"
                pekko.remote.artery.canonical.port = %d
                pekko.cluster.roles = ["%s"]
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                pekko.remote.artery.advanced.maximum-frame-size = 2 MiB
                """.formatted(host, port, ROLE))
                .withFallback(ConfigFactory.parseMap(Map.of("pekko.cluster.seed-nodes", seeds)));
    }
}
