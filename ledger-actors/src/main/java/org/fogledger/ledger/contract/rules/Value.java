package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.crypto.PublicKey;

/**
 * A typed value of a rule program: what state fields, config entries, parameters and expressions hold. Stored
 * with its type, e.g. {@code {"type":"long","value":3}}, so a state reads back exactly as it was written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Value.LongValue.class, name = "long"),
        @JsonSubTypes.Type(value = Value.BooleanValue.class, name = "boolean"),
        @JsonSubTypes.Type(value = Value.StringValue.class, name = "string"),
        @JsonSubTypes.Type(value = Value.KeyValue.class, name = "key")})
public sealed interface Value {

    @JsonIgnore
    ValueType valueType();

    /** The plain JSON form, as it goes into a message payload or an emitted event: number, boolean, string. */
    @JsonIgnore
    Object json();

    record LongValue(long value) implements Value {
        @Override
        public ValueType valueType() {
            return ValueType.LONG;
        }

        @Override
        public Object json() {
            return value;
        }
    }

    record BooleanValue(boolean value) implements Value {
        public static final BooleanValue TRUE = new BooleanValue(true);
        public static final BooleanValue FALSE = new BooleanValue(false);

        public static BooleanValue of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public ValueType valueType() {
            return ValueType.BOOLEAN;
        }

        @Override
        public Object json() {
            return value;
        }
    }

    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType valueType() {
            return ValueType.STRING;
        }

        @Override
        public Object json() {
            return value;
        }
    }

    record KeyValue(PublicKey value) implements Value {
        public KeyValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType valueType() {
            return ValueType.KEY;
        }

        @Override
        public Object json() {
            return ContractJson.hex(value);
        }
    }

    /**
     * Reads a plain JSON value (a parameter, a config entry, an initial value) as {@code type}; strings longer than
     * {@code maxStringLength} are refused.
     *
     * @throws IllegalArgumentException naming what was expected and what came
     */
    static Value fromJson(JsonNode node, ValueType type, int maxStringLength) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("is missing (expected a " + type + ")");
        }
        switch (type) {
            case LONG:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return new LongValue(node.longValue());
                }
                break;
            case BOOLEAN:
                if (node.isBoolean()) {
                    return BooleanValue.of(node.booleanValue());
                }
                break;
            case STRING:
                if (node.isTextual()) {
                    if (node.textValue().length() > maxStringLength) {
                        throw new IllegalArgumentException("is a string of " + node.textValue().length()
                                + " characters, longer than the limit of " + maxStringLength);
                    }
                    return new StringValue(node.textValue());
                }
                break;
            case KEY:
                if (node.isTextual()) {
                    try {
                        return new KeyValue(ContractJson.publicKeyFromHex(node.textValue()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("is not a public key as tagged hex (01 + 64 hex digits"
                                + " for Ed25519): " + e.getMessage());
                    }
                }
                break;
            default:
                throw new IllegalStateException("type " + type);
        }
        throw new IllegalArgumentException("expected a " + type + ", got " + describe(node));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String kind = node.isNumber() ? "the number " : node.isTextual() ? "the string "
                : node.isBoolean() ? "the boolean " : "";
        return kind + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
