package org.fogledger.cluster.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Routes by method and path pattern. A pattern is segments separated by {@code /}; {@code {name}} binds one
 * segment, {@code {name...}} (last only) binds the rest of the path. Routes are tried in the order added, so a
 * literal segment added before a parameter wins ({@code /policies/effective} before {@code /policies/{scope...}}).
 * A path that some pattern matches under another method is 405 (with the allowed methods), none at all 404.
 */
final class ApiRouter {

    interface Handler {
        CompletionStage<ApiResponse> handle(ApiRequest request);
    }

    record Route(String method, String pattern, List<String> segments, boolean readsBody, Handler handler) {
    }

    /** The route a request resolved to, with the path parameters bound. */
    record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Route> routes = new ArrayList<>();

    ApiRouter get(String pattern, Handler handler) {
        return add("GET", pattern, false, handler);
    }

    ApiRouter post(String pattern, Handler handler) {
        return add("POST", pattern, true, handler);
    }

    private ApiRouter add(String method, String pattern, boolean readsBody, Handler handler) {
        routes.add(new Route(method, pattern, split(pattern), readsBody, handler));
        return this;
    }

    /** The matching route; throws 405 or 404 as an {@link ApiProblem}. */
    Match resolve(String method, String path) {
        List<String> segments = split(path);
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> bound = bind(route.segments(), segments);
            if (bound == null) {
                continue;
            }
            if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
                return new Match(route, bound);
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            throw new ApiProblem(405, "method-not-allowed", method + " is not allowed on " + path + "; allowed: "
                    + String.join(", ", allowed));
        }
        throw new ApiProblem(404, "unknown-route", "no route " + path + "; the API lives under /api/v1 (see docs/API.md)");
    }

    private static Map<String, String> bind(List<String> pattern, List<String> path) {
        Map<String, String> bound = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{") && expected.endsWith("...}")) {
                if (i >= path.size()) {
                    return null;
                }
                bound.put(expected.substring(1, expected.length() - 4), String.join("/", path.subList(i, path.size())));
                return bound;
            }
            if (i >= path.size()) {
                return null;
            }
            if (expected.startsWith("{") && expected.endsWith("}")) {
                bound.put(expected.substring(1, expected.length() - 1), path.get(i));
            } else if (!expected.equals(path.get(i))) {
                return null;
            }
        }
        return pattern.size() == path.size() ? bound : null;
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(part);
            }
        }
        return segments;
    }
}
