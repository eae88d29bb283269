package org.fogledger.ledger.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.HexFormat;
import org.fogledger.ledger.crypto.Hash;
import org.fogledger.ledger.crypto.PublicKey;
import org.fogledger.ledger.crypto.Signature;
import org.fogledger.ledger.crypto.SignatureScheme;

/**
 * The one JSON form of contract commands, events, states, results and queries. Writing is deterministic (properties
 * and map keys sorted, nulls left out), so equal values always give equal bytes and can be hashed; reading is
 * strict (unknown or duplicate fields, trailing data, floats where integers are expected, and deep or long input
 * are refused) and every error names the field that is wrong.
 *
 * <p>Keys, hashes and signatures are written as lowercase hex: a public key and a signature as their tagged
 * encoding ({@code 01} for Ed25519, then the raw bytes), a hash as its 32 bytes.
 */
public final class ContractJson {
    /** Largest JSON document a contract command may carry; the codec's payload limit is the outer bound. */
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 65_536;

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper MAPPER = build();

    private ContractJson() {
    }

    /** The configured mapper, for code that needs trees ({@link JsonNode}); never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a list whose elements are of {@code elementType}, keeping the type ids of a polymorphic (sealed)
     * element type, which writing a {@code List<?>} would lose to erasure.
     */
    public static byte[] writeList(java.util.List<?> values, Class<?> elementType) {
        try {
            return MAPPER.writerFor(MAPPER.getTypeFactory().constructCollectionType(java.util.List.class,
                    elementType)).writeValueAsBytes(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a list of " + elementType.getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code json} as {@code type}, or refuses with code {@code malformed-payload} and a reason naming
     * {@code what} (e.g. {@code registry.register}) and the faulty field.
     */
    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ContractRefusal("malformed-payload", what + ": expected a JSON object, got null");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new ContractRefusal("malformed-payload", what + ": " + describe(e));
        } catch (IOException e) {
            throw new ContractRefusal("malformed-payload", what + ": not valid JSON: "
                    + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
    }

    /** Like {@link #read} for values the node wrote itself (journal, snapshots): a failure is a bug, not input. */
    public static <T> T readTrusted(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " does not read back: "
                    + e.getMessage(), e);
        }
    }

    /** {@link #readTrusted(byte[], Class)} for generic types, e.g. a list of a contract's events. */
    public static <T> T readTrusted(byte[] json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + type + " does not read back: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Jackson names the Java class; a sender needs the field and what it could have been.
            return "field '" + fieldPath(e) + "': unknown field; expected one of "
                    + new java.util.TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList());
        }
        String path = e.getPathReference();
        String field = fieldPath(e);
        String message = e.getOriginalMessage();
        // Jackson's messages end with a long source excerpt; the first sentence is what a user needs.
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        // Advice meant for the programmer who configured the mapper, not for whoever sent the document.
        message = message.replaceAll(" \\(but could if coercion was enabled[^)]*\\)", "")
                .replace("`java.lang.String`", "a string").replace("`java.lang.Long`", "an integer");
        return (field.isEmpty() ? "" : "field '" + field + "': ") + message
                + (path == null || path.isEmpty() || !field.isEmpty() ? "" : " (" + path + ")");
    }

    /** Where in the document a mapping error is: {@code rules.sharing.allowedPurposes[2]}; empty at the top. */
    public static String fieldPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static PublicKey publicKeyFromHex(String hex) {
        return PublicKey.fromEncoded(HEX.parseHex(hex));
    }

    public static String hex(PublicKey key) {
        return HEX.formatHex(key.encoded());
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("fogledger-contract");
        module.addSerializer(Hash.class, new JsonSerializer<>() {
            @Override
            public void serialize(Hash value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.hex());
            }
        });
        module.addDeserializer(Hash.class, new JsonDeserializer<>() {
            @Override
            public Hash deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    return Hash.fromHex(text);
                } catch (RuntimeException e) {
                    throw JsonMappingException.from(p, "expected a hash as 64 hex digits, got '" + text + "'");
                }
            }
        });
        module.addSerializer(PublicKey.class, new JsonSerializer<>() {
            @Override
            public void serialize(PublicKey value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeString(hex(value));
            }
        });
        module.addDeserializer(PublicKey.class, new JsonDeserializer<>() {
            @Override
            public PublicKey deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    return publicKeyFromHex(text);
                } catch (RuntimeException e) {
                    throw JsonMappingException.from(p, "expected a public key as tagged hex (01 + 64 hex digits"
                            + " for Ed25519), got '" + abbreviate(text) + "': " + e.getMessage());
                }
            }
        });
        module.addSerializer(Signature.class, new JsonSerializer<>() {
            @Override
            public void serialize(Signature value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                byte[] raw = value.raw();
                byte[] tagged = new byte[raw.length + 1];
                tagged[0] = (byte) value.scheme().tag();
                System.arraycopy(raw, 0, tagged, 1, raw.length);
                gen.writeString(HEX.formatHex(tagged));
            }
        });
        module.addDeserializer(Signature.class, new JsonDeserializer<>() {
            @Override
            public Signature deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    byte[] tagged = HEX.parseHex(text);
                    SignatureScheme scheme = SignatureScheme.fromTag(tagged[0] & 0xff);
                    return Signature.of(scheme, java.util.Arrays.copyOfRange(tagged, 1, tagged.length));
                } catch (RuntimeException e) {
                    throw JsonMappingException.from(p, "expected a signature as tagged hex, got '"
                            + abbreviate(text) + "': " + e.getMessage());
                }
            }
        });
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(40)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        // A number is not a string and not an enum constant: "location": 7 or "declaration": 3 are refused rather
        // than read as "7" or as the fourth constant.
        builder.withCoercionConfig(LogicalType.Textual, config ->
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder
                .addModule(module)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 24 ? text : text.substring(0, 24) + "...";
    }
}
