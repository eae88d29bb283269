package org.fogledger.simulator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The run report as JSON: written at the end of a run for CI and other tools, and read back (for example to render
 * the HTML report again) to exactly the same {@link RunReport}. Instants are ISO-8601 text; every number is written
 * in the shortest form that reads back to the same double.
 */
public final class JsonSummary {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .build();

    private JsonSummary() {
    }

    public static void write(RunReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON summary to " + file, e);
        }
    }

    public static RunReport read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a run report from " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report as JSON text. */
    public static String toJson(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunReport fromJson(String json) {
        try {
            return MAPPER.readValue(json, RunReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a run report: " + e.getMessage(), e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }
    }
}
