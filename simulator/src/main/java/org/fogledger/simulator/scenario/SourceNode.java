package org.fogledger.simulator.scenario;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;

/**
 * A scenario file's content as a tree that remembers where each value came from, so validation errors can say
 * "line 12, column 7". YAML and HOCON are both read into it, and one validator ({@link ScenarioFile}) reads it.
 */
sealed interface SourceNode {

    /** Where the node starts in its file: {@code line 12, column 7} (YAML) or {@code line 12} (HOCON). */
    String where();

    /** A mapping; keys in file order (YAML) or sorted (HOCON, which does not keep the order). */
    record MapNode(Map<String, Entry> entries, String where) implements SourceNode {
    }

    /** One key of a mapping and where the key itself is. */
    record Entry(SourceNode value, String keyWhere) {
    }

    record ListNode(List<SourceNode> items, String where) implements SourceNode {
    }

    /** A scalar as written; {@code text} is null for an explicit null. */
    record Scalar(String text, String where) implements SourceNode {
    }

    /** Reads a YAML document; a duplicate key is an error (YAML forbids it, parsers often keep the last). */
    static SourceNode readYaml(Reader reader) throws IOException {
        try (JsonParser p = new YAMLFactory().createParser(reader)) {
            if (p.nextToken() == null) {
                return new MapNode(Map.of(), "line 1, column 1");
            }
            return readYamlValue(p);
        }
    }

    private static SourceNode readYamlValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        String where = where(p.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String keyWhere = where(p.currentTokenLocation());
                    p.nextToken();
                    SourceNode value = readYamlValue(p);
                    if (entries.putIfAbsent(key, new Entry(value, keyWhere)) != null) {
                        throw new DuplicateKey(key, keyWhere);
                    }
                }
                return new MapNode(Collections.unmodifiableMap(entries), where);
            }
            case START_ARRAY -> {
                List<SourceNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readYamlValue(p));
                }
                return new ListNode(List.copyOf(items), where);
            }
            case VALUE_NULL -> {
                return new Scalar(null, where);
            }
            default -> {
                return new Scalar(p.getText(), where);
            }
        }
    }

    private static String where(JsonLocation l) {
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Converts a parsed HOCON value. */
    static SourceNode fromHocon(ConfigValue value) {
        String where = value.origin().lineNumber() > 0 ? "line " + value.origin().lineNumber() : "(no line)";
        if (value instanceof ConfigObject object) {
            Map<String, Entry> entries = new TreeMap<>();
            object.forEach((k, v) -> entries.put(k, new Entry(fromHocon(v), "line " + v.origin().lineNumber())));
            return new MapNode(Collections.unmodifiableMap(entries), where);
        }
        if (value instanceof ConfigList list) {
            List<SourceNode> items = new ArrayList<>();
            list.forEach(v -> items.add(fromHocon(v)));
            return new ListNode(List.copyOf(items), where);
        }
        Object raw = value.unwrapped();
        return new Scalar(raw == null ? null : raw.toString(), where);
    }

    /** A key given twice in one YAML mapping. */
    final class DuplicateKey extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String key;
        final String where;

        DuplicateKey(String key, String where) {
            super("key " + key + " appears twice (" + where + ")");
            this.key = key;
            this.where = where;
        }
    }
}
