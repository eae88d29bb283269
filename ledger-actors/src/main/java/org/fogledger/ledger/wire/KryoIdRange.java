package org.fogledger.ledger.wire;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Kryo registration ids each module may use. Ids are the wire format: two nodes agree on a class only
 * through its id, so an id, once released, is never reused for another class, and ranges never overlap.
 *
 * <ul>
 *   <li>0-99: Kryo's own built-ins (primitives and their wrappers, {@code String}) and room for Kryo to grow.
 *       No registrar may use them.
 *   <li>100-1999: {@code ledger-actors} (JDK and Pekko types, crypto values, chain, consensus, contracts).
 *   <li>2000-3999: {@code agents}.
 *   <li>4000-5999: {@code cluster}.
 *   <li>6000-7999: {@code simulator}.
 *   <li>8000-8999: {@code test}: fixtures in tests only; no main {@code reference.conf} configures it.
 * </ul>
 *
 * The {@link #configKey()} is the key under {@code fogledger.serialization.kryo.registrars}.
 */
public enum KryoIdRange {
    LEDGER_ACTORS("ledger-actors", 100, 1999),
    AGENTS("agents", 2000, 3999),
    CLUSTER("cluster", 4000, 5999),
    SIMULATOR("simulator", 6000, 7999),
    TEST("test", 8000, 8999);

    /** Ids below this one belong to Kryo itself. */
    public static final int FIRST_APPLICATION_ID = 100;

    private final String configKey;
    private final int first;
    private final int last;

    KryoIdRange(String configKey, int first, int last) {
        this.configKey = configKey;
        this.first = first;
        this.last = last;
    }

    public String configKey() {
        return configKey;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    public boolean contains(int id) {
        return id >= first && id <= last;
    }

    public static Optional<KryoIdRange> forConfigKey(String key) {
        return Arrays.stream(values()).filter(range -> range.configKey.equals(key)).findFirst();
    }

    static String configKeys() {
        return Arrays.stream(values()).map(KryoIdRange::configKey).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configKey + " [" + first + ".." + last + "]";
    }
}
