package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every class that may travel on the wire, each under a fixed id chosen by its module. Built once per
 * {@link KryoSerializer} from the registrars in config, then applied to each pooled {@link Kryo}.
 *
 * <p>Refuses, with a message naming both sides: an id used twice, a class registered twice, an id outside the
 * range of the module registering it (see {@link KryoIdRange}), and the classes Kryo registers itself.
 *
 * <p>Adding a record is one line in the module's registrar: {@code registry.register(MyMessage.class, 310);}.
 * Records get Kryo's {@code RecordSerializer}, which writes the components in name order; non-final component
 * types are written with their own registered id, so every component's class must be registered too.
 */
public final class KryoRegistry {
    /** Kryo registers these itself under ids below 100 (wrappers share their primitive's registration). */
    private static final Set<Class<?>> KRYO_BUILT_INS = Set.of(
            int.class, Integer.class, String.class, float.class, Float.class, boolean.class, Boolean.class,
            byte.class, Byte.class, char.class, Character.class, short.class, Short.class, long.class, Long.class,
            double.class, Double.class);

    /** One registration; {@code serializer} null means Kryo's default for the class (records: RecordSerializer). */
    record Entry(Class<?> type, int id, Serializer<?> serializer, boolean coversSubtypes, String origin) {
    }

    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    private final Map<Class<?>, Entry> byClass = new HashMap<>();
    private KryoIdRange currentRange;
    private String currentOrigin;

    /**
     * Runs one registrar with the ids of {@code range}: its every id must lie in the range.
     *
     * @return this registry, for chaining
     */
    public KryoRegistry include(KryoIdRange range, KryoRegistrar registrar) {
        KryoIdRange previousRange = currentRange;
        String previousOrigin = currentOrigin;
        currentRange = range;
        currentOrigin = registrar.getClass().getName() + " (" + range.configKey() + ")";
        try {
            registrar.register(this);
        } finally {
            currentRange = previousRange;
            currentOrigin = previousOrigin;
        }
        return this;
    }

    /** Registers {@code type} under {@code id} with Kryo's default serializer for it. */
    public KryoRegistry register(Class<?> type, int id) {
        return add(new Entry(type, id, null, false, origin()));
    }

    /**
     * Registers {@code type} under {@code id} with {@code serializer}. The serializer is shared by every pooled
     * Kryo instance, so it must be stateless.
     */
    public KryoRegistry register(Class<?> type, int id, Serializer<?> serializer) {
        if (serializer == null) {
            throw new IllegalArgumentException("serializer for " + type.getName() + " is null; use register(type, id)");
        }
        return add(new Entry(type, id, serializer, false, origin()));
    }

    /**
     * Registers every implementation of {@code supertype} under one id, written and read by {@code serializer},
     * which reads back some value of {@code supertype}. For types whose concrete classes are private to a
     * library, such as Pekko's {@code ActorRef}. The serializer must be stateless.
     */
    public KryoRegistry registerSubtypes(Class<?> supertype, int id, Serializer<?> serializer) {
        if (serializer == null) {
            throw new IllegalArgumentException("serializer for subtypes of " + supertype.getName() + " is null");
        }
        return add(new Entry(supertype, id, serializer, true, origin()));
    }

    /** The registrations, in the order they were made. */
    List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(byId.values()));
    }

    /** The registration for {@code type} if it is a subtype of a {@link #registerSubtypes} supertype. */
    Optional<Entry> subtypeEntryFor(Class<?> type) {
        for (Entry entry : byId.values()) {
            if (entry.coversSubtypes() && entry.type().isAssignableFrom(type)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /**
     * Builds the registry from {@code fogledger.serialization.kryo.registrars}: an object whose keys are
     * {@link KryoIdRange#configKey() module names} and whose values are a registrar class name or a list of
     * them. Modules are included in the order of {@link KryoIdRange}, so the outcome never depends on the order
     * in which config files merged.
     */
    static KryoRegistry fromConfig(Config registrars, ClassLoader classLoader) {
        Map<KryoIdRange, List<String>> byRange = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> configured : registrars.root().entrySet()) {
            String key = configured.getKey();
            KryoIdRange range = KryoIdRange.forConfigKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "fogledger.serialization.kryo.registrars." + key + ": unknown module; expected one of "
                            + KryoIdRange.configKeys()));
            byRange.put(range, classNames(key, configured.getValue()));
        }
        KryoRegistry registry = new KryoRegistry();
        for (KryoIdRange range : KryoIdRange.values()) {
            for (String className : byRange.getOrDefault(range, List.of())) {
                registry.include(range, instantiate(className, classLoader));
            }
        }
        return registry;
    }

    private static List<String> classNames(String key, ConfigValue value) {
        if (value.valueType() == ConfigValueType.STRING) {
            return List.of((String) value.unwrapped());
        }
        if (value.valueType() == ConfigValueType.LIST) {
            List<String> names = new ArrayList<>();
            for (Object element : (List<?>) value.unwrapped()) {
                if (!(element instanceof String name)) {
                    throw new IllegalArgumentException("fogledger.serialization.kryo.registrars." + key
                            + ": expected class names, found " + element);
                }
                names.add(name);
            }
            return names;
        }
        throw new IllegalArgumentException("fogledger.serialization.kryo.registrars." + key
                + ": expected a class name or a list of class names, found " + value.valueType());
    }

    private static KryoRegistrar instantiate(String className, ClassLoader classLoader) {
        try {
            Class<?> type = Class.forName(className, true, classLoader);
            if (!KryoRegistrar.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " does not implement " + KryoRegistrar.class.getName());
            }
            return (KryoRegistrar) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                    "cannot instantiate Kryo registrar " + className + " (it needs a public no-argument constructor)", e);
        }
    }

    private String origin() {
        if (currentRange == null) {
            throw new IllegalStateException(
                    "register from inside a KryoRegistrar passed to include(range, registrar), so ids are checked");
        }
        return currentOrigin;
    }

    private KryoRegistry add(Entry entry) {
        Class<?> type = entry.type();
        int id = entry.id();
        if (KRYO_BUILT_INS.contains(type)) {
            throw new IllegalArgumentException(type.getName() + " is registered by Kryo itself; "
                    + entry.origin() + " must not register it (id " + id + ")");
        }
        if (id < KryoIdRange.FIRST_APPLICATION_ID || !currentRange.contains(id)) {
            throw new IllegalArgumentException("Kryo id " + id + " for " + type.getName() + " by " + entry.origin()
                    + " is outside the module's range " + currentRange);
        }
        Entry sameId = byId.get(id);
        if (sameId != null) {
            throw new IllegalArgumentException("duplicate Kryo id " + id + ": " + sameId.type().getName() + " by "
                    + sameId.origin() + " and " + type.getName() + " by " + entry.origin());
        }
        Entry sameClass = byClass.get(type);
        if (sameClass != null) {
            throw new IllegalArgumentException("class " + type.getName() + " registered twice: id "
                    + sameClass.id() + " by " + sameClass.origin() + " and id " + id + " by " + entry.origin());
        }
        byId.put(id, entry);
        byClass.put(type, entry);
        return this;
    }

    /** Registers every entry on {@code kryo}; serializers left null get Kryo's default for that class. */
    void applyTo(Kryo kryo) {
        for (Entry entry : byId.values()) {
            Serializer<?> serializer = entry.serializer() != null
                    ? entry.serializer()
                    : kryo.getDefaultSerializer(entry.type());
            kryo.register(entry.type(), serializer, entry.id());
        }
    }
}
