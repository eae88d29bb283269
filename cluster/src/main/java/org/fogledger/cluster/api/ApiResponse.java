package org.fogledger.cluster.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: a status and a body. {@code etag} asks the server to tag the body with its hash and answer
 * 304 to a matching {@code If-None-Match} (single-resource reads).
 */
record ApiResponse(int status, String contentType, byte[] body, boolean etag, Map<String, String> headers) {
    static final String JSON = "application/json";

    static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, false, Map.of());
    }

    static ApiResponse resource(byte[] body) {
        return new ApiResponse(200, JSON, body, true, Map.of());
    }

    static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), false, Map.of());
    }
}
