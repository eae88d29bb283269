package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.pekko.actor.typed.ActorRef;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;

/**
 * The ledger-actors module's wire registrations, ids 100-1999 (see {@link KryoIdRange}). Ids are the wire
 * format: never renumber or reuse one; retire it with a comment instead.
 *
 * <p>Sub-ranges, so that each package can grow without colliding:
 * <ul>
 *   <li>100-199: JDK and Pekko types that message records hold.
 *   <li>200-299: crypto values.
 *   <li>300-699: chain model (transactions, blocks, certificates, proofs).
 *   <li>700-1099: consensus messages.
 *   <li>1100-1999: mempool, catch-up, contract host and contracts.
 * </ul>
 * A new message record is one line: {@code registry.register(Proposal.class, 700);}.
 */
public final class LedgerKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        // 100-199: JDK and Pekko types. Message records hold List.copyOf / Set.copyOf / Map.copyOf values.
        registry.register(byte[].class, 100, new DefaultArraySerializers.ByteArraySerializer());
        registry.register(ArrayList.class, 101, new WireCollectionSerializers.ArrayListSerializer());
        WireCollectionSerializers.ImmutableListSerializer lists = new WireCollectionSerializers.ImmutableListSerializer();
        registry.register(WireCollectionSerializers.IMMUTABLE_LIST_12, 102, lists);
        registry.register(WireCollectionSerializers.IMMUTABLE_LIST_N, 103, lists);
        registry.register(WireCollectionSerializers.IMMUTABLE_SUB_LIST, 104, lists);
        WireCollectionSerializers.ImmutableSetSerializer sets = new WireCollectionSerializers.ImmutableSetSerializer();
        registry.register(WireCollectionSerializers.IMMUTABLE_SET_12, 105, sets);
        registry.register(WireCollectionSerializers.IMMUTABLE_SET_N, 106, sets);
        WireCollectionSerializers.ImmutableMapSerializer maps = new WireCollectionSerializers.ImmutableMapSerializer();
        registry.register(WireCollectionSerializers.IMMUTABLE_MAP_1, 107, maps);
        registry.register(WireCollectionSerializers.IMMUTABLE_MAP_N, 108, maps);
        registry.register(Instant.class, 110);
        registry.register(Duration.class, 111);
        registry.registerSubtypes(ActorRef.class, 120, new TypedActorRefSerializer());

        // 200-299: crypto values, as their canonical tagged bytes.
        registry.register(Hash.class, 200, new CryptoKryoSerializers.HashSerializer());
        registry.register(PublicKey.class, 201, new CryptoKryoSerializers.PublicKeySerializer());
        registry.register(Signature.class, 202, new CryptoKryoSerializers.SignatureSerializer());
    }
}
