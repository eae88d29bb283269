package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.JSerializer;
import org.fogledger.ledger.codec.CodecLimits;

/**
 * Pekko serializer for messages between nodes, backed by Kryo 5 with explicit registration only: every class
 * on the wire has a fixed id given by its module's {@link KryoRegistrar} (ranges in {@link KryoIdRange}),
 * and anything else is refused both ways. Bound in {@code reference.conf} to {@link WireMessage} and the
 * crypto value types.
 *
 * <p><b>Kryo never defines stored or signed bytes.</b> Kryo gives no compatibility across its major versions
 * and its output depends on registration; anything that is hashed, signed or persisted uses the canonical,
 * versioned encoding of the {@code codec} package instead. A signed message travels here as its fields plus
 * its signature, and the receiver recomputes the canonical bytes to verify.
 *
 * <p>Hardened for bytes from a hostile peer: a class named by name is refused before it is loaded
 * ({@link WireClassResolver}); unknown ids are refused; input and output are limited to
 * {@code fogledger.serialization.kryo.max-message-bytes}; length prefixes may not claim more elements than
 * bytes remain ({@link BoundedInput}); nesting is limited to {@code max-depth}; references are off, so no
 * cycles; and bytes left over after the message are refused.
 *
 * <p>Kryo, its inputs and outputs are not thread-safe, so each comes from a {@link Pool}.
 */
public final class KryoSerializer extends JSerializer {
    /**
     * This serializer's id in Pekko's serialized envelope. Fixed forever: a node reads the serializer of a
     * message by this number. Pekko keeps 0-40 for itself; FogLedger's serializers use 7300-7399.
     */
    public static final int IDENTIFIER = 7301;

    /** Config path of this serializer's settings. */
    public static final String CONFIG_PATH = "fogledger.serialization.kryo";

    /** Config path of the canonical encoding's limits, which chain types on the wire are decoded with. */
    public static final String CODEC_CONFIG_PATH = "fogledger.codec";

    /** Outputs whose buffer grew past this are dropped rather than pooled, so a rare large message is not kept. */
    private static final int POOLED_OUTPUT_MAX_BYTES = 64 * 1024;
    private static final int INITIAL_OUTPUT_BYTES = 4 * 1024;

    private final int maxMessageBytes;
    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;
    private final Pool<BoundedInput> inputs;

    /** Called by Pekko, once per actor system, with the system whose config holds {@link #CONFIG_PATH}. */
    public KryoSerializer(ExtendedActorSystem system) {
        this(system.settings().config().getConfig(CONFIG_PATH), system.dynamicAccess().classLoader(), system,
                codecLimits(system.settings().config()));
    }

    /** For tests and tools: {@code system} may be null when no message holds an {@code ActorRef}. */
    KryoSerializer(Config settings, ClassLoader classLoader, ExtendedActorSystem system) {
        this(settings, classLoader, system, CodecLimits.DEFAULT);
    }

    /**
     * As above, with the limits that chain types (transactions, blocks, certificates) are decoded with: they travel
     * as their canonical encoding and are read by its strict decoder (see {@link ChainKryoSerializers}).
     */
    KryoSerializer(Config settings, ClassLoader classLoader, ExtendedActorSystem system, CodecLimits codecLimits) {
        long maxBytes = settings.getBytes("max-message-bytes");
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(CONFIG_PATH + ".max-message-bytes must be 1 byte to 2 GiB, got " + maxBytes);
        }
        this.maxMessageBytes = (int) maxBytes;
        int maxDepth = settings.getInt("max-depth");
        int poolSize = settings.getInt("pool-size");
        KryoRegistry registry = KryoRegistry.fromConfig(settings.getConfig("registrars"), classLoader);

        this.kryos = new Pool<>(true, false, poolSize) {
            @Override
            @SuppressWarnings("unchecked") // Kryo's context is a raw map
            protected Kryo create() {
                Kryo kryo = new Kryo(new WireClassResolver(registry), null);
                kryo.setRegistrationRequired(true);
                kryo.setReferences(false);
                kryo.setMaxDepth(maxDepth);
                kryo.setClassLoader(classLoader);
                if (system != null) {
                    kryo.getContext().put(TypedActorRefSerializer.SYSTEM_KEY, system);
                }
                kryo.getContext().put(ChainKryoSerializers.LIMITS_KEY, codecLimits);
                registry.applyTo(kryo);
                return kryo;
            }
        };
        this.outputs = new Pool<>(true, false, poolSize) {
            @Override
            protected Output create() {
                return new Output(Math.min(INITIAL_OUTPUT_BYTES, maxMessageBytes), maxMessageBytes);
            }
        };
        this.inputs = new Pool<>(true, false, poolSize) {
            @Override
            protected BoundedInput create() {
                return new BoundedInput();
            }
        };
        // Build one Kryo now, so that a registration Kryo cannot apply fails the node at startup, not at the
        // first message.
        kryos.free(kryos.obtain());
    }

    /**
     * The node's {@code fogledger.codec} block as {@link CodecLimits} (plain byte counts, keys as in
     * {@link CodecLimits#fromMap}); {@link CodecLimits#DEFAULT} when the block is absent.
     */
    static CodecLimits codecLimits(Config config) {
        return config.hasPath(CODEC_CONFIG_PATH)
                ? CodecLimits.fromMap(config.getConfig(CODEC_CONFIG_PATH).root().unwrapped())
                : CodecLimits.DEFAULT;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        // Kryo writes the class's registration id itself.
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        String className = message == null ? "null" : message.getClass().getName();
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, message);
            return output.toBytes();
        } catch (KryoBufferOverflowException e) {
            throw new WireSerializationException("refusing to serialize " + className + ": larger than "
                    + maxMessageBytes + " bytes (" + CONFIG_PATH + ".max-message-bytes)", e);
        } catch (KryoException | IllegalArgumentException e) {
            throw new WireSerializationException("cannot serialize " + className + ": " + e.getMessage()
                    + " (every class on the wire needs an id in its module's KryoRegistrar)", e);
        } finally {
            kryos.free(kryo);
            if (output.getBuffer().length <= POOLED_OUTPUT_MAX_BYTES) {
                outputs.free(output);
            }
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        if (bytes.length > maxMessageBytes) {
            throw new WireSerializationException("refusing to deserialize " + bytes.length + " bytes: over "
                    + maxMessageBytes + " bytes (" + CONFIG_PATH + ".max-message-bytes)");
        }
        Kryo kryo = kryos.obtain();
        BoundedInput input = inputs.obtain();
        try {
            input.setBuffer(bytes);
            Object message = kryo.readClassAndObject(input);
            if (message == null) {
                throw new WireSerializationException("refusing to deserialize: the bytes hold no message");
            }
            if (input.position() != bytes.length) {
                throw new WireSerializationException("refusing to deserialize " + message.getClass().getName() + ": "
                        + (bytes.length - input.position()) + " bytes left over after the message");
            }
            return message;
        } catch (WireSerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Hostile bytes can provoke any runtime exception inside Kryo or a constructor; none may escape raw.
            throw new WireSerializationException(
                    "cannot deserialize " + bytes.length + " bytes: " + e.getMessage(), e);
        } finally {
            input.setBuffer(EMPTY);
            kryos.free(kryo);
            inputs.free(input);
        }
    }

    private static final byte[] EMPTY = new byte[0];
}
