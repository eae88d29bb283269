package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Typed {@link ActorRef}s (the {@code replyTo} of every command) as Pekko's own serialization format, the full
 * path with address, resolved again on the receiving node. The actor system comes from the Kryo instance's
 * context, put there by {@link KryoSerializer}, so this serializer holds no state of its own.
 */
final class TypedActorRefSerializer extends Serializer<ActorRef<?>> {
    /** Key of the {@link ExtendedActorSystem} in {@link Kryo#getContext()}. */
    static final String SYSTEM_KEY = "fogledger.actorSystem";

    TypedActorRefSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        output.writeString(resolver(kryo).toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver(kryo).resolveActorRef(input.readString());
    }

    @SuppressWarnings("unchecked") // Kryo's context is a raw map
    private static ActorRefResolver resolver(Kryo kryo) {
        Object system = kryo.getContext().get(SYSTEM_KEY);
        if (!(system instanceof ExtendedActorSystem classic)) {
            throw new KryoException("an ActorRef needs the actor system; this Kryo was built without one");
        }
        return ActorRefResolver.get(Adapter.toTyped(classic));
    }
}
