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

    /** {@code List.of} and {@code List.copyOf} lists: read back with {@code List.of}. */
    static final class ImmutableListSerializer extends Serializer<List<?>> {
        ImmutableListSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, List<?> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
            return immutable(() -> List.of(readElements(kryo, input, "list")), "list");
        }
    }

    /** {@link ArrayList}: read back as a new {@code ArrayList}, nulls allowed. */
    static final class ArrayListSerializer extends Serializer<ArrayList<?>> {
        ArrayListSerializer() {
            super(false, false);
        }

        @Override
        public void write(Kryo kryo, Output output, ArrayList<?> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public ArrayList<?> read(Kryo kryo, Input input, Class<? extends ArrayList<?>> type) {
            return new ArrayList<>(Arrays.asList(readElements(kryo, input, "list")));
        }
    }

    /**
     * {@code Collections.unmodifiableList(new ArrayList<>(...))} lists: read back the same way, nulls allowed, for
     * records that keep a hostile peer's nulls so that their receiver can see and refuse them (consensus
     * {@code BlockResponse}).
     */
    static final class UnmodifiableListSerializer extends Serializer<List<?>> {
        UnmodifiableListSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, List<?> list) {
            writeElements(kryo, output, list);
        }

        @Override
        public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
            return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(readElements(kryo, input, "list"))));
        }
    }

    /** {@code Set.of} and {@code Set.copyOf} sets: read back with {@code Set.of}. */
    static final class ImmutableSetSerializer extends Serializer<Set<?>> {
        ImmutableSetSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Set<?> set) {
            writeElements(kryo, output, set);
        }

        @Override
        public Set<?> read(Kryo kryo, Input input, Class<? extends Set<?>> type) {
            return immutable(() -> Set.of(readElements(kryo, input, "set")), "set");
        }
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
