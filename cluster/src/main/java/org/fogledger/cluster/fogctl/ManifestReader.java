package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an apply file: YAML (one or more documents separated by {@code ---}) or JSON (one object, or an array of
 * objects). Each document is {@code kind: <Kind>} and {@code spec: <the kind's body>}, plus an optional
 * {@code apiVersion: fogledger/v1}. A document with no {@code kind} whose fields are among {@code scope},
 * {@code version}, {@code rules} is a bare policy file (config/policies/) and reads as {@code kind: Policy}. Strict like the ledger's own reader: duplicate fields are refused, every error
 * names the document, the line and the field.
 */
final class ManifestReader {
    /** The largest apply file read, in characters. */
    static final int MAX_LENGTH = 1024 * 1024;
    static final int MAX_DOCUMENTS = 256;
    static final String API_VERSION = "fogledger/v1";
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "spec");
    private static final Set<String> BARE_POLICY = Set.of("scope", "version", "rules");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ManifestReader() {
    }

    static List<ManifestDocument> read(String text, String source) {
        if (text.isBlank()) {
            throw new ManifestException(source, 0, 0, 0, "the file is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ManifestException(source, 0, 0, 0, "the file is " + text.length() + " characters long, more"
                    + " than " + MAX_LENGTH);
        }
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(256 * 1024).maxNumberLength(40).build();
        JsonFactory factory = json
                ? JsonFactory.builder().streamReadConstraints(limits).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build()
                : YAMLFactory.builder().streamReadConstraints(limits)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        List<ManifestDocument> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (json && token == JsonToken.START_ARRAY) {
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    documents.add(document(parser, source, documents.size() + 1));
                }
                if (parser.nextToken() != null) {
                    throw new ManifestException(source, 0, parser.currentLocation().getLineNr(),
                            parser.currentLocation().getColumnNr(), "unexpected data after the JSON array");
                }
            } else {
                while (token != null) {
                    documents.add(document(parser, source, documents.size() + 1));
                    token = parser.nextToken();
                    if (json && token != null) {
                        throw new ManifestException(source, 0, parser.currentLocation().getLineNr(),
                                parser.currentLocation().getColumnNr(), "unexpected data after the JSON object (put"
                                + " several documents in a JSON array)");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            JsonLocation at = e.getLocation();
            throw new ManifestException(source, documents.size() + 1, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid " + (json ? "JSON" : "YAML") + ": "
                    + (cut > 0 ? message.substring(0, cut) : message));
        } catch (IOException e) {
            throw new ManifestException(source, 0, 0, 0, "cannot read: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw new ManifestException(source, 0, 0, 0, "the file holds no document");
        }
        return documents;
    }

    /** The document the parser is on (its first token read), checked for its top-level fields. */
    private static ManifestDocument document(JsonParser parser, String source, int index) throws IOException {
        if (index > MAX_DOCUMENTS) {
            throw new ManifestException(source, index, 0, 0, "more than " + MAX_DOCUMENTS + " documents in one file");
        }
        JsonLocation start = parser.currentTokenLocation();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new ManifestException(source, index, start.getLineNr(), start.getColumnNr(),
                    "expected a mapping with 'kind' and 'spec', found " + describe(parser.currentToken()));
        }
        Map<String, JsonLocation> locations = new TreeMap<>();
        ObjectNode root = (ObjectNode) value(parser, "", locations);
        if (!root.has("kind") && root.size() > 0 && BARE_POLICY.containsAll(fieldNames(root))) {
            // A bare policy file (config/policies/): the document format the policy contract reads, as is.
            ObjectNode wrapped = NODES.objectNode().put("kind", "Policy");
            wrapped.set("spec", root);
            Map<String, JsonLocation> moved = new TreeMap<>();
            locations.forEach((path, location) -> moved.put("spec." + path, location));
            moved.put("kind", start);
            moved.put("spec", start);
            return new ManifestDocument(source, index, wrapped, moved);
        }
        ManifestDocument document = new ManifestDocument(source, index, root, locations);
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
            if (!TOP_LEVEL.contains(field.getKey())) {
                throw document.error(field.getKey(), "field '" + field.getKey() + "': unknown field; a document"
                        + " has 'kind', 'spec' and optionally 'apiVersion' (the body goes under 'spec')");
            }
        }
        JsonNode apiVersion = root.get("apiVersion");
        if (apiVersion != null && !API_VERSION.equals(apiVersion.asText(null))) {
            throw document.error("apiVersion", "field 'apiVersion': expected '" + API_VERSION + "', got "
                    + apiVersion);
        }
        JsonNode kind = root.get("kind");
        if (kind == null) {
            throw document.error(null, "field 'kind' is missing; expected one of " + ResourceKind.names());
        }
        if (!kind.isTextual()) {
            throw document.error("kind", "field 'kind': expected a string, one of " + ResourceKind.names());
        }
        if (!root.has("spec")) {
            throw document.error("kind", "field 'spec' is missing: it holds the " + kind.asText() + "'s body");
        }
        return document;
    }

    private static Set<String> fieldNames(ObjectNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Builds the node the parser is on, recording where each field and element starts. */
    private static JsonNode value(JsonParser parser, String path, Map<String, JsonLocation> locations)
            throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String field = path.isEmpty() ? name : path + "." + name;
                    locations.putIfAbsent(field, parser.currentTokenLocation());
                    parser.nextToken();
                    object.set(name, value(parser, field, locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                    String element = path + "[" + index + "]";
                    locations.putIfAbsent(element, parser.currentTokenLocation());
                    array.add(value(parser, element, locations));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_NULL -> "an empty document";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
