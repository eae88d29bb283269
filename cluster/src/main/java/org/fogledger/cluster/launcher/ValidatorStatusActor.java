package org.fogledger.cluster.launcher;

import java.nio.file.Path;
import org.apache.pekko.Version;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.fogledger.ledger.chain.Block;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * The demo validator's guardian. It holds the validator's identity and chain head and answers status queries;
 * it orders nothing yet. The validator actors that run consensus replace it when they land.
 */
public final class ValidatorStatusActor {

    public sealed interface Command permits GetStatus {
    }

    /** Asks for the validator's current status. */
    public record GetStatus(ActorRef<Status> replyTo) implements Command {
    }

    /** What the validator is and where its chain stands, as seen from inside its ActorSystem. */
    public record Status(
            String nodeName,
            String actorSystem,
            String pekkoVersion,
            PublicKey publicKey,
            String chainId,
            Hash genesisHash,
            long headHeight,
            Hash headHash,
            int validators,
            Path dataDir) {
    }

    /** The validator's identity and starting point: its key, its chain's genesis block and its data directory. */
    public record Identity(String nodeName, PublicKey publicKey, String chainId, Block genesis, Path dataDir) {
    }

    private ValidatorStatusActor() {
    }

    public static Behavior<Command> create(Identity identity) {
        return Behaviors.setup(context -> {
            context.getLog().debug("validator {} up with key {} on chain {}, genesis {}",
                    identity.nodeName(), identity.publicKey().keyId().shortHex(), identity.chainId(),
                    identity.genesis().hash().shortHex());
            String systemName = context.getSystem().name();
            return Behaviors.receive(Command.class)
                    .onMessage(GetStatus.class, query -> {
                        // One validator, alone: its head is the genesis block until consensus orders blocks.
                        Block head = identity.genesis();
                        query.replyTo().tell(new Status(identity.nodeName(), systemName, Version.current(),
                                identity.publicKey(), identity.chainId(), identity.genesis().hash(),
                                head.height(), head.hash(), 1, identity.dataDir()));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
