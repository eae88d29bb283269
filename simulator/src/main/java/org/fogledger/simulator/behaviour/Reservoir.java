package org.fogledger.simulator.behaviour;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} of the items offered (Vitter's algorithm R), so a check can verify a
 * fair sample of a run of any length in bounded memory. Thread-safe.
 */
final class Reservoir<T> {
    private final int capacity;
    private final List<T> items;
    private final SplittableRandom random;
    private long offered;

    Reservoir(int capacity, long seed) {
        this.capacity = capacity;
        this.items = new ArrayList<>(Math.min(capacity, 1024));
        this.random = new SplittableRandom(seed);
    }

    synchronized void offer(T item) {
        offered++;
        if (items.size() < capacity) {
            items.add(item);
            return;
        }
        long slot = random.nextLong(offered);
        if (slot < capacity) {
            items.set((int) slot, item);
        }
    }

    synchronized List<T> sample() {
        return List.copyOf(items);
    }

    synchronized long offered() {
        return offered;
    }
}
