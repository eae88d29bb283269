package org.fogledger.ledger.wire;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/** Message records shaped like the ledger's future ones, registered by {@link WireTestRegistrar}. */
final class SampleMessages {
    private SampleMessages() {
    }

    /** Crypto values, a primitive and an immutable list: the shape of a consensus vote. */
    record Vote(Hash block, long round, PublicKey voter, Signature signature, List<Hash> justify)
            implements WireMessage {
        Vote {
            justify = List.copyOf(justify);
        }
    }

    /** A command with a reply address, as every typed request carries. */
    record Ping(String text, ActorRef<String> replyTo) implements WireMessage {
    }

    /** Sets, maps, a mutable list and a timestamp. */
    record Tags(Set<String> tags, Map<String, Long> counts, ArrayList<String> notes, Instant at)
            implements WireMessage {
    }

    /** A payload of any size, for the size limits. */
    record Blob(byte[] payload) implements WireMessage {
    }

    /** Holds anything; registered, so only its content decides whether it can travel. */
    record Holder(Object item) implements WireMessage {
    }

    /** A wire message that nobody registered. */
    record Unregistered(String text) implements WireMessage {
    }

    /** Java-serializable but not a wire message: must not travel now that Java serialization is off. */
    record PlainSerializable(String text) implements Serializable {
    }
}
