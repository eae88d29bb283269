package org.fogledger.ledger.contract.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the registry's enums by their wire names ({@code public-access}, not the constant {@code PUBLIC_ACCESS}),
 * with an error that lists the names a sender may use. Numbers are refused before this runs: {@code ContractJson}
 * never reads an enum by its position.
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
