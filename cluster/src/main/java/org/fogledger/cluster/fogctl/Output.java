package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How fogctl prints answers: {@code -o table} (for people, the default), {@code json} or {@code yaml}. */
final class Output {
    enum Format { table, json, yaml }

    private static final ObjectMapper PRETTY = ApiClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    private static final int MAX_CELL = 48;
    private static final int MAX_COLUMNS = 8;

    private Output() {
    }

    static String json(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints {@code node} in {@code format}; a table takes {@code columns} when given, else the scalar fields. */
    static void print(PrintWriter out, JsonNode node, Format format, List<String> columns) {
        switch (format) {
            case json -> out.println(json(node));
            case yaml -> out.print(yaml(node));
            case table -> out.print(table(rows(node), columns));
        }
        out.flush();
    }

    /** The rows of an answer: a list page's items, a plain array, or the object itself. */
    static List<JsonNode> rows(JsonNode node) {
        JsonNode items = node != null && node.isObject() && node.has("items") ? node.get("items") : node;
        List<JsonNode> rows = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(rows::add);
        } else if (items != null) {
            rows.add(items);
        }
        return rows;
    }

    static String table(List<JsonNode> rows, List<String> wanted) {
        if (rows.isEmpty()) {
            return "(none)\n";
        }
        List<String> columns = new ArrayList<>();
        if (wanted != null && !wanted.isEmpty()) {
            columns.addAll(wanted);
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode row : rows) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isValueNode() && seen.size() < MAX_COLUMNS) {
                        seen.add(field.getKey());
                    }
                }
            }
            columns.addAll(seen);
        }
        if (columns.isEmpty()) {
            StringBuilder text = new StringBuilder();
            rows.forEach(row -> text.append(cell(row)).append('\n'));
            return text.toString();
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList());
        for (JsonNode row : rows) {
            cells.add(columns.stream().map(c -> cell(at(row, c))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                text.append(i + 1 < line.size() ? String.format("%-" + (widths[i] + 2) + "s", line.get(i))
                        : line.get(i));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A dotted path into a row ({@code entry.declaration}). */
    static JsonNode at(JsonNode row, String path) {
        JsonNode node = row;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }
}
