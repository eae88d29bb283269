package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One document of an apply file: its {@code kind}, its {@code spec}, and where each of its fields is written, so
 * that an error about a field can name its line.
 *
 * @param source    the file it came from ({@code -} for standard input)
 * @param index     1-based place in the file
 * @param root      the whole document ({@code kind}, {@code spec})
 * @param locations field paths ({@code spec.rules.firmware.minimum}, {@code spec.actor[0]}) to where they start
 */
record ManifestDocument(String source, int index, ObjectNode root, Map<String, JsonLocation> locations) {
    private static final Pattern FIELD = Pattern.compile("field '([^']+)'");

    String kind() {
        return root.path("kind").asText();
    }

    JsonNode spec() {
        return root.get("spec");
    }

    /** A failure about this document, at the line of the field {@code path} ({@code spec.x}) if it is written. */
    ManifestException error(String path, String message) {
        JsonLocation at = path == null ? null : nearest(path);
        return new ManifestException(source, index, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                message);
    }

    /**
     * A failure reported by a contract's reader about the spec: its message names the field ({@code field
     * 'rules.x'}, relative to the spec), which is found in the file; a line prefix from a nested reader is dropped.
     */
    ManifestException specError(String message) {
        String clean = message.replaceFirst("^line \\d+, column \\d+: ", "")
                .replaceAll("Cannot construct instance of `[^`]*`, problem: ", "");
        Matcher field = FIELD.matcher(clean);
        String path = field.find() ? "spec." + field.group(1) : "spec";
        return error(path, clean);
    }

    /** The location of {@code path}, or of its nearest written parent. */
    private JsonLocation nearest(String path) {
        String at = path;
        while (!at.isEmpty()) {
            JsonLocation location = locations.get(at);
            if (location != null) {
                return location;
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
        }
        return null;
    }
}
