package org.fogledger.ledger.contract.rules;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The four types a rule program knows: a state field, a config entry, a parameter or an expression has one. */
public enum ValueType {
    LONG("long"),
    BOOLEAN("boolean"),
    STRING("string"),
    /** A public key; written as its tagged hex, compared only for equality. */
    KEY("key");

    /** The names as a program writes them, for error messages. */
    public static final String NAMES = Arrays.stream(values()).map(ValueType::typeName)
            .collect(Collectors.joining(", "));

    private final String typeName;

    ValueType(String typeName) {
        this.typeName = typeName;
    }

    /** How a program writes the type: {@code long}, {@code boolean}, {@code string}, {@code key}. */
    public String typeName() {
        return typeName;
    }

    public static Optional<ValueType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return typeName;
    }
}
