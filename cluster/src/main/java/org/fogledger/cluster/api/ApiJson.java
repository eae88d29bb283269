package org.fogledger.cluster.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The API's JSON: strict reading (duplicate keys and trailing data refused), compact writing. */
final class ApiJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A request body as JSON; 400 {@code malformed-json} naming where and what is wrong. */
    static JsonNode readBody(byte[] body) {
        if (body.length == 0) {
            throw ApiProblem.badRequest("malformed-json", "the request body is empty; a JSON document is required");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("malformed-json", "the request body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed-json", "the request body could not be read as JSON: "
                    + e.getMessage());
        }
    }

    /** A ledger answer (JSON from a contract) as a tree, to embed; text that is not JSON becomes a string. */
    static JsonNode embed(byte[] json) {
        if (json == null || json.length == 0) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(ApiServer.utf8(json));
        }
    }

    static ObjectNode errorBody(String code, String message, String detailName, Object detail) {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (detail instanceof JsonNode node) {
            body.set(detailName, node);
        }
        return body;
    }
}
