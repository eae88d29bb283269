package org.fogledger.ledger.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collections for message records. Records hold {@code List.copyOf}, {@code Set.copyOf} and {@code Map.copyOf}
 * values (the JDK's immutable collections, whose classes are private), or an {@link ArrayList}. Each element is
 * written with its own registered id, so elements must be registered types. Reading checks the element count
 * against the bytes left before allocating anything (see {@link BoundedInput}), and an immutable collection
 * comes back immutable, refusing nulls and duplicates as {@code List.of}, {@code Set.of} and {@code Map.of} do.
 */
final class WireCollectionSerializers {
    /** The JDK's immutable collection classes; {@code List.copyOf} and friends return one of these. */
    static final Class<?> IMMUTABLE_LIST_12 = List.of(1).getClass();
    static final Class<?> IMMUTABLE_LIST_N = List.of().getClass();
    static final Class<?> IMMUTABLE_SUB_LIST = List.of(1, 2, 3).subList(0, 1).getClass();
    static final Class<?> IMMUTABLE_SET_12 = Set.of(1).getClass();
    static final Class<?> IMMUTABLE_SET_N = Set.of().getClass();
    static final Class<?> IMMUTABLE_MAP_1 = Map.of(1, 2).getClass();
    static final Class<?> IMMUTABLE_MAP_N = Map.of().getClass();
    /** {@code Collections.unmodifiableList} over a random-access list, e.g. a record's defensive copy. */
    static final Class<?> UNMODIFIABLE_RANDOM_ACCESS_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();

    private WireCollectionSerializers() {
    }

    /**
     * A collection written as its size and elements, and read back by {@code rebuild} from the elements: the same
     * wire form for every list and set kind, each rebuilt as the kind it was.
     */
    static final class ElementsSerializer<C extends Collection<?>> extends Serializer<C> {
        private final String what;
        private final java.util.function.Function<Object[], C> rebuild;

        private ElementsSerializer(boolean immutable, String what, java.util.function.Function<Object[], C> rebuild) {
            super(false, immutable);
            this.what = what;
            this.rebuild = rebuild;
        }

        @Override
        public void write(Kryo kryo, Output output, C collection) {
            writeElements(kryo, output, collection);
        }

        @Override
        public C read(Kryo kryo, Input input, Class<? extends C> type) {
            Object[] elements = readElements(kryo, input, what);
            return immutable(() -> rebuild.apply(elements), what);
        }
    }

    /** {@code List.of} and {@code List.copyOf} lists: read back with {@code List.of} (no nulls). */
    static ElementsSerializer<List<?>> immutableLists() {
        return new ElementsSerializer<>(true, "list", List::of);
    }

    /** {@link ArrayList}: read back as a new {@code ArrayList}, nulls allowed. */
    static ElementsSerializer<ArrayList<?>> arrayLists() {
        return new ElementsSerializer<>(false, "list", elements -> new ArrayList<>(Arrays.asList(elements)));
    }

    /**
     * {@code Collections.unmodifiableList(new ArrayList<>(...))} lists: read back the same way, nulls allowed, for
     * records that keep a hostile peer's nulls so that their receiver can see and refuse them (consensus
     * {@code BlockResponse}).
     */
    static ElementsSerializer<List<?>> unmodifiableLists() {
        return new ElementsSerializer<>(true, "list",
                elements -> Collections.unmodifiableList(new ArrayList<>(Arrays.asList(elements))));
    }

    /** {@code Set.of} and {@code Set.copyOf} sets: read back with {@code Set.of} (no nulls, no duplicates). */
    static ElementsSerializer<Set<?>> immutableSets() {
        return new ElementsSerializer<>(true, "set", Set::of);
    }

    /** {@code Map.of} and {@code Map.copyOf} maps: read back with {@code Map.ofEntries}. */
    static final class ImmutableMapSerializer extends Serializer<Map<?, ?>> {
        ImmutableMapSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<?, ?> map) {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                kryo.writeClassAndObject(output, entry.getKey());
                kryo.writeClassAndObject(output, entry.getValue());
            }
        }

        @Override
        public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
            int size = input.readVarInt(true);
            // Each entry takes at least two bytes: a key and a value.
            BoundedInput.requireAvailable(input, 2L * size, "map");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map.Entry<Object, Object>[] entries = new Map.Entry[size];
            for (int i = 0; i < size; i++) {
                Object key = kryo.readClassAndObject(input);
                Object value = kryo.readClassAndObject(input);
                if (key == null || value == null) {
                    throw new KryoException("an immutable map cannot hold null");
                }
                entries[i] = Map.entry(key, value);
            }
            return immutable(() -> Map.ofEntries(entries), "map");
        }
    }

    private static void writeElements(Kryo kryo, Output output, Collection<?> elements) {
        output.writeVarInt(elements.size(), true);
        for (Object element : elements) {
            kryo.writeClassAndObject(output, element);
        }
    }

    private static Object[] readElements(Kryo kryo, Input input, String what) {
        int size = input.readVarInt(true);
        BoundedInput.requireAvailable(input, size, what);
        Object[] elements = new Object[size];
        for (int i = 0; i < size; i++) {
            elements[i] = kryo.readClassAndObject(input);
        }
        return elements;
    }

    private static <T> T immutable(java.util.function.Supplier<T> build, String what) {
        try {
            return build.get();
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new KryoException("malformed immutable " + what + ": " + e.getMessage(), e);
        }
    }
}
