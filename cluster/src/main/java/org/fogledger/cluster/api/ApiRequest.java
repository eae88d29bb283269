package org.fogledger.cluster.api;

import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * One request as a route sees it: the path parameters its pattern bound, the query string, and the body read
 * whole (empty for a GET), already checked against the size limit.
 */
record ApiRequest(HttpRequest http, Map<String, String> path, byte[] body) {

    String path(String name) {
        return path.get(name);
    }

    Optional<String> query(String name) {
        return http.getUri().query().get(name);
    }

    /** A non-negative integer query parameter, or {@code fallback}; 400 {@code bad-parameter} names it otherwise. */
    long longParameter(String name, long fallback, long max) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < 0 || value > max) {
                throw ApiProblem.badRequest("bad-parameter", "query parameter '" + name + "' must be 0.." + max
                        + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("bad-parameter", "query parameter '" + name
                    + "' must be a non-negative integer, got '" + text.get() + "'");
        }
    }

    String requiredParameter(String name, String example) {
        return query(name).filter(s -> !s.isEmpty()).orElseThrow(() -> ApiProblem.badRequest("bad-parameter",
                "query parameter '" + name + "' is required (e.g. " + name + "=" + example + ")"));
    }
}
