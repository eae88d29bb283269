package org.fogledger.ledger.contract.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the registry's enums by their wire names only. The shared JSON reader would otherwise also take a number as
 * the constant at that position ({@code 3} as the fourth declaration), so a payload could make a declaration it
 * never spelled out.
 */
final class WireNames {
    private WireNames() {
    }

    static <E extends Enum<E>> E parse(E[] values, Function<E, String> wireName, String text, String what) {
        List<String> names = new ArrayList<>(values.length);
        for (E candidate : values) {
            String name = wireName.apply(candidate);
            if (name.equals(text)) {
                return candidate;
            }
            names.add(name);
        }
        throw new IllegalArgumentException("'" + text + "' is not a " + what + "; expected one of " + names);
    }
}
