package org.fogledger.ledger.validator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.fogledger.ledger.chain.Transaction;

/**
 * One validator process (or one of several ActorSystems in a JVM): a Pekko Cluster member named after the genesis
 * file, with its own Artery port and its own journal, running a {@link ValidatorActor}.
 */
public final class ValidatorNode implements AutoCloseable {
    /** Every FogLedger node's ActorSystem has this name, so nodes can form one cluster. */
    public static final String SYSTEM_NAME = "fogledger";

    private final ActorSystem<Void> system;
    private final ActorRef<ValidatorActor.Command> validator;
    private final Genesis.Member member;

    private ValidatorNode(ActorSystem<Void> system, ActorRef<ValidatorActor.Command> validator, Genesis.Member member) {
        this.system = system;
        this.validator = validator;
        this.member = member;
    }

    /**
     * Starts the node of {@code settings.key()} in the cluster described by {@code genesis}.
     *
     * @param storage the journal configuration for this node alone (see {@code org.fogledger.ledger.storage})
     */
    public static ValidatorNode start(Genesis genesis, ValidatorSettings settings, Config storage, Config overrides) {
        Genesis.Member member = genesis.member(settings.key().publicKey());
        Config config = overrides
                .withFallback(storage)
                .withFallback(clusterConfig(genesis, member))
                .withFallback(ConfigFactory.load());
        @SuppressWarnings("unchecked")
        ActorRef<ValidatorActor.Command>[] spawned = new ActorRef[1];
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
            spawned[0] = context.spawn(ValidatorActor.create(settings),
                    ValidatorActor.actorName(settings.key().publicKey()));
            return Behaviors.empty();
        }), SYSTEM_NAME, config);
        waitFor(() -> spawned[0] != null, Duration.ofSeconds(10), "validator actor of " + member.name());
        return new ValidatorNode(system, spawned[0], member);
    }

    /** Cluster membership: this node's address, and every validator of the genesis file as a seed. */
    static Config clusterConfig(Genesis genesis, Genesis.Member member) {
        List<String> seeds = genesis.validators().stream().map(Genesis.Member::address).toList();
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "%s"
                pekko.remote.artery.canonical.port = %d
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                # A restarted validator rejoins within seconds (Pekko removes its old incarnation on the new join).
                pekko.cluster.seed-node-timeout = 2s
                pekko.cluster.retry-unsuccessful-join-after = 2s
                # A proposal carries a whole block (at most 1 MiB of transactions by default) plus certificates.
                pekko.remote.artery.advanced.maximum-frame-size = 2 MiB
                """.formatted(member.host(), member.port()))
                .withFallback(ConfigFactory.parseMap(java.util.Map.of("pekko.cluster.seed-nodes", seeds)));
    }

    public ActorRef<ValidatorActor.Command> validator() {
        return validator;
    }

    public Genesis.Member member() {
        return member;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public CompletionStage<ValidatorStatus> status() {
        return AskPattern.ask(validator, ValidatorActor.GetStatus::new, Duration.ofSeconds(5), system.scheduler());
    }

    public CompletionStage<CommittedHashes> committedHashes(long fromHeight, int max) {
        return AskPattern.ask(validator, replyTo -> new ValidatorActor.GetCommittedHashes(fromHeight, max, replyTo),
                Duration.ofSeconds(5), system.scheduler());
    }

    /** Asks this validator's contract host a read-only question; see {@link ValidatorActor.QueryContract}. */
    public CompletionStage<org.fogledger.ledger.execution.ContractHost.QueryResult> query(String address,
                                                                                         String query,
                                                                                         byte[] argument) {
        return AskPattern.ask(validator, replyTo -> new ValidatorActor.QueryContract(address, query, argument,
                replyTo), Duration.ofSeconds(10), system.scheduler());
    }

    /** The validator's durable state and how it last recovered (answered once recovery is done). */
    public CompletionStage<ValidatorInspection> inspect() {
        return AskPattern.ask(validator, ValidatorActor.Inspect::new, Duration.ofSeconds(30), system.scheduler());
    }

    public CompletionStage<SubmitResult> submit(Transaction tx, Duration timeout) {
        return AskPattern.ask(validator, replyTo -> new ValidatorActor.Submit(tx, replyTo), timeout, system.scheduler());
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node " + member.name() + " did not stop within 30 s", e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not start within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + what, e);
            }
        }
    }
}
