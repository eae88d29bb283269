package org.fogledger.ledger.client.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fogledger.ledger.contract.ContractJson;
import org.fogledger.ledger.contract.ContractRefusal;
import org.fogledger.ledger.contract.StepMeter;
import org.fogledger.ledger.contract.policy.PolicyConsistency;
import org.fogledger.ledger.contract.policy.PolicyDocument;
import org.fogledger.ledger.contract.policy.PolicyValidation;

/**
 * Reads an operator's policy file, JSON or YAML, into the canonical document the policy contract reads, for
 * clients ({@code fogctl apply -f policy.yaml}) before they sign: validators only ever read the canonical JSON,
 * never YAML. Reading is as strict as the contract's (unknown or duplicate fields, numbers for strings, floats for
 * integers are refused), and errors name the line and the field. The document is also checked for rules that
 * contradict each other; whether it widens a higher rank's policy only the ledger can tell.
 */
public final class PolicyDocuments {
    /** The largest policy file read, in characters. */
    public static final int MAX_LENGTH = 256 * 1024;

    private static final ObjectMapper YAML = yamlMapper();
    private static final Pattern FIELD = Pattern.compile("field '([^']+)'");

    private PolicyDocuments() {
    }

    /** The canonical, validated, self-consistent document written in {@code text} (JSON or YAML). */
    public static PolicyDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicyDocumentException("the policy file is empty", 0, 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new PolicyDocumentException("the policy file is " + text.length() + " characters long, more than "
                    + MAX_LENGTH, 0, 0);
        }
        ObjectMapper mapper = isJson(text) ? ContractJson.mapper() : YAML;
        PolicyDocument read;
        try {
            // Syntax first: reading into the document streams, and would report a misplaced value before a
            // syntax error that comes after it.
            mapper.readTree(text);
            read = mapper.readValue(text, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            // Jackson reports where it stopped reading, often past the field; a field's own place is clearer.
            JsonLocation at = e instanceof JsonMappingException mapping && !fieldPath(mapping).isEmpty()
                    ? fieldLocations(mapper, text).getOrDefault(fieldPath(mapping), e.getLocation()) : e.getLocation();
            throw new PolicyDocumentException(describe(e), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr());
        }
        if (read == null) {
            throw new PolicyDocumentException("the policy file holds no document", 0, 0);
        }
        StepMeter meter = new StepMeter(Long.MAX_VALUE);
        PolicyDocument canonical;
        try {
            canonical = PolicyValidation.canonical(read, "policy document", meter);
        } catch (ContractRefusal refusal) {
            throw located(refusal.getMessage(), mapper, text);
        }
        List<String> clashes = PolicyConsistency.clashes(canonical.rules(), meter);
        if (!clashes.isEmpty()) {
            throw new PolicyDocumentException("the rules contradict each other: " + String.join("; ", clashes), 0,
                    0);
        }
        return canonical;
    }

    /** The canonical JSON of the document in {@code text}: what a client puts in {@code authority.issue-policy}. */
    public static String canonicalJson(String text) {
        return ContractJson.writeString(parse(text));
    }

    private static boolean isJson(String text) {
        return text.stripLeading().startsWith("{");
    }

    /** A semantic error names a field; point at where that field is written. */
    private static PolicyDocumentException located(String message, ObjectMapper mapper, String text) {
        Matcher field = FIELD.matcher(message);
        if (field.find()) {
            JsonLocation at = fieldLocations(mapper, text).get(field.group(1));
            if (at != null) {
                return new PolicyDocumentException(message, at.getLineNr(), at.getColumnNr());
            }
        }
        return new PolicyDocumentException(message, 0, 0);
    }

    /** Where each field path ({@code rules.sharing.allowedRecipients[2]}) is written in the text. */
    private static Map<String, JsonLocation> fieldLocations(ObjectMapper mapper, String text) {
        Map<String, JsonLocation> locations = new TreeMap<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            if (parser.nextToken() != null) {
                walk(parser, "", locations);
            }
        } catch (IOException e) {
            // The text was read once already; should it not parse now, the error just goes without a line.
        }
        return locations;
    }

    /** Records the fields of the value the parser is on; nesting is bounded by the reader's constraints. */
    private static void walk(JsonParser parser, String path, Map<String, JsonLocation> locations)
            throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                locations.putIfAbsent(field, parser.currentTokenLocation());
                parser.nextToken();
                walk(parser, field, locations);
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                String element = path + "[" + index + "]";
                locations.putIfAbsent(element, parser.currentTokenLocation());
                walk(parser, element, locations);
            }
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "field '" + fieldPath(unknown) + "': unknown field; expected one of "
                    + new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList());
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        message = message.replaceAll(" \\(but could if coercion was enabled[^)]*\\)", "")
                .replace("`java.lang.String`", "a string").replace("`java.lang.Long`", "an integer")
                .replace("`java.lang.Integer`", "an integer")
                .replaceAll("Cannot construct instance of `[^`]*` \\(although at least one Creator exists\\): no"
                        + " \\w+-argument constructor/factory method to deserialize from \\w+ value (\\(.*\\))",
                        "expected a mapping of fields, not the value $1");
        if (e instanceof JsonMappingException mapping) {
            String field = fieldPath(mapping);
            return field.isEmpty() ? message : "field '" + field + "': " + message;
        }
        return "not valid " + (e.getClass().getName().contains("yaml") ? "YAML" : "JSON") + ": " + message;
    }

    private static String fieldPath(JsonMappingException e) {
        return ContractJson.fieldPath(e);
    }

    /** A YAML reader as strict as {@link ContractJson}'s: the same document is refused or accepted by both. */
    private static ObjectMapper yamlMapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(ContractJson.MAX_NESTING_DEPTH)
                        .maxStringLength(ContractJson.MAX_STRING_LENGTH)
                        .maxNumberLength(40)
                        .build())
                .build();
        YAMLMapper.Builder builder = YAMLMapper.builder(factory);
        builder.withCoercionConfig(LogicalType.Textual, config ->
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
