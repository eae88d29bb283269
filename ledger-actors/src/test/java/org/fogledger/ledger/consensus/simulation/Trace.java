package org.fogledger.ledger.consensus.simulation;

import java.util.ArrayDeque;

/** The last events of a run, readable, for the report of a failing seed. */
final class Trace {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    Trace(int capacity) {
        this.capacity = capacity;
    }

    void add(long time, String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(String.format("%8dms  %s", time, line));
    }

    String render() {
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append("  ... ").append(dropped).append(" earlier events (replay with -Dconsensus.trace.full=true)\n");
        }
        for (String line : lines) {
            text.append("  ").append(line).append('\n');
        }
        return text.toString();
    }
}
