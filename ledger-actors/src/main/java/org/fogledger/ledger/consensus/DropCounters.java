package org.fogledger.ledger.consensus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many received items a replica dropped, by reason. */
public final class DropCounters {
    private final EnumMap<DropReason, Long> counts = new EnumMap<>(DropReason.class);

    void count(DropReason reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    public long get(DropReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<DropReason, Long> asMap() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
