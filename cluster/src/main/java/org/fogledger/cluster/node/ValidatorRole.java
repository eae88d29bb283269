package org.fogledger.cluster.node;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.fogledger.cluster.health.NodeReadiness;
import org.fogledger.ledger.client.LedgerClient;
import org.fogledger.ledger.storage.JournalSettings;
import org.fogledger.ledger.validator.Genesis;
import org.fogledger.ledger.validator.ValidatorActor;
import org.fogledger.ledger.validator.ValidatorProcess;
import org.fogledger.ledger.validator.ValidatorStatus;

/**
 * The validator role: the node file is read exactly as {@link ValidatorProcess} reads it ({@code fogledger.node.name},
 * {@code key-file}, {@code data-dir}, optional {@code consensus}, {@code fogledger.genesis}, {@code fogledger.storage}),
 * and the node runs one {@link ValidatorActor} with its own journal. The node's Artery address is the one the
 * genesis gives this validator's key.
 */
final class ValidatorRole implements NodeRole {
    private final ValidatorProcess.Launch launch;
    private ActorRef<ValidatorActor.Command> validator;

    private ValidatorRole(ValidatorProcess.Launch launch) {
        this.launch = launch;
    }

    static ValidatorRole fromFile(Path file) throws NodeConfigException {
        try {
            return new ValidatorRole(ValidatorProcess.read(file));
        } catch (ValidatorProcess.ConfigError e) {
            throw new NodeConfigException(e.getMessage(), e);
        }
    }

    @Override
    public NodeRoleName name() {
        return NodeRoleName.VALIDATOR;
    }

    /** Where the genesis says this validator listens. */
    Genesis.Member member() {
        return launch.genesis().member(launch.key().publicKey());
    }

    String journalOwner() {
        return launch.name();
    }

    /** Creates the validator's journal tables if missing, and points the ActorSystem's journal at them. */
    @Override
    public Config systemConfig() {
        return JournalSettings.prepare(launch.name(), launch.storage());
    }

    @Override
    public void start(NodeServices services) {
        validator = services.system().systemActorOf(ValidatorActor.create(launch.settings()),
                ValidatorActor.actorName(launch.key().publicKey()), Props.empty());
        NodeReadiness.get(services.system()).add(() -> notCaughtUpBecause(services));
    }

    /** Blocks the chain may move on while the validators are asked, and still count as caught up. */
    static final long CAUGHT_UP_MARGIN = 5;

    /** Asks this validator and the others it can see for their committed heights; see {@link CaughtUp}. */
    private CompletionStage<Optional<String>> notCaughtUpBecause(NodeServices services) {
        LedgerClient client = services.ledgerClient();
        CompletableFuture<Long> own = client.status(validator).toCompletableFuture()
                .thenApply(ValidatorStatus::committedHeight);
        List<CompletableFuture<Optional<Long>>> others = new ArrayList<>();
        for (ActorRef<ValidatorActor.Command> other : client.validators()) {
            if (!other.equals(validator)) {
                others.add(client.status(other).toCompletableFuture()
                        .thenApply(status -> Optional.of(status.committedHeight()))
                        .exceptionally(failure -> Optional.empty()));
            }
        }
        int faults = launch.genesis().validatorSet().maxFaulty();
        return own.thenCombine(CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)), (height, all) ->
                CaughtUp.notCaughtUpBecause(height, others.stream().map(CompletableFuture::join)
                        .flatMap(Optional::stream).toList(), faults, CAUGHT_UP_MARGIN));
    }

    ActorRef<ValidatorActor.Command> validator() {
        return validator;
    }
}
