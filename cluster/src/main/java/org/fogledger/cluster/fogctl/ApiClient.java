package org.fogledger.cluster.fogctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of fogctl: one request, one JSON answer, against {@code <server>/api/v1} (docs/API.md). An API
 * error body {@code {"error": {"code", "message"}}} becomes a {@link FogctlException} with exit code
 * {@link ExitCode#REFUSED}; no answer, or an answer that is not the API's, exit code {@link ExitCode#UNREACHABLE}.
 */
final class ApiClient {
    /** The largest answer read; the API pages its lists well below it. */
    private static final int MAX_ANSWER_CHARS = 16 * 1024 * 1024;
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A response whose status the caller wants to look at itself (submission: 200, 202, 422...). */
    record Answer(int status, JsonNode body) {
    }

    private final URI server;
    private final HttpClient http;
    private final Duration timeout;

    ApiClient(URI server, Duration timeout) {
        this(server, timeout, null);
    }

    /** @param trusted the TLS context trusting the server's CA, or null for the JVM's default trust */
    ApiClient(URI server, Duration timeout, javax.net.ssl.SSLContext trusted) {
        this.server = server;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trusted != null) {
            builder.sslContext(trusted);
        }
        this.http = builder.build();
    }

    URI server() {
        return server;
    }

    /** GET {@code /api/v1/<path>}; a 4xx/5xx is thrown as the API's error. */
    JsonNode get(String path) {
        return orThrow(send(HttpRequest.newBuilder(uri(path)).GET(), path));
    }

    /** GET that answers null for a 404 instead of throwing (diff: "not on the ledger yet" is an answer). */
    JsonNode getOrNull(String path) {
        Answer answer = send(HttpRequest.newBuilder(uri(path)).GET(), path);
        return answer.status() == 404 ? null : orThrow(answer);
    }

    /** POST a JSON body to {@code /api/v1/<path>}; the caller reads the status. */
    Answer post(String path, JsonNode body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write request body", e);
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), path);
    }

    /** POST and throw on a 4xx/5xx. */
    JsonNode postOrThrow(String path, JsonNode body) {
        return orThrow(post(path, body));
    }

    /** A path segment, escaped (device ids may hold '/', ':' and '@'). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode orThrow(Answer answer) {
        if (answer.status() >= 400) {
            throw apiError(answer);
        }
        return answer.body();
    }

    /** The API's error as a fogctl failure; a body without one still says the status. */
    static FogctlException apiError(Answer answer) {
        JsonNode error = answer.body() == null ? null : answer.body().get("error");
        if (error != null && error.hasNonNull("code")) {
            return new FogctlException(ExitCode.REFUSED, error.get("code").asText(),
                    error.path("message").asText("(no message)"));
        }
        JsonNode result = answer.body() == null ? null : answer.body().get("result");
        if (result != null && result.hasNonNull("code")) {
            return new FogctlException(ExitCode.REFUSED, result.get("code").asText(), result.path("data").isTextual()
                    ? result.get("data").asText() : String.valueOf(result.path("data")));
        }
        return new FogctlException(ExitCode.REFUSED, "http-" + answer.status(),
                "the server answered HTTP " + answer.status() + " without an error body");
    }

    private URI uri(String path) {
        String base = server.toString().replaceAll("/+$", "");
        try {
            return URI.create(base + "/api/v1/" + path);
        } catch (IllegalArgumentException e) {
            throw FogctlException.badInput("not a valid request address " + base + "/api/v1/" + path + ": "
                    + e.getMessage());
        }
    }

    private Answer send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw FogctlException.unreachable("no answer from " + server + " within " + timeout.toSeconds()
                    + " s (GET/POST " + path + ")");
        } catch (ConnectException e) {
            throw FogctlException.unreachable("cannot connect to " + server + " (is a node running there? set"
                    + " --server or FOGCTL_SERVER)");
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw FogctlException.unreachable("TLS with " + server + " failed: " + e.getMessage() + " (a node"
                    + " certificate from 'fogledger certs generate' is trusted with --cacert CERTS/ca.crt)");
        } catch (IOException e) {
            throw FogctlException.unreachable("talking to " + server + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FogctlException.unreachable("interrupted while waiting for " + server);
        }
        String text = response.body();
        if (text.length() > MAX_ANSWER_CHARS) {
            throw FogctlException.unreachable("the answer of " + server + " to " + path + " is larger than "
                    + MAX_ANSWER_CHARS + " characters");
        }
        if (text.isBlank()) {
            return new Answer(response.statusCode(), null);
        }
        try {
            return new Answer(response.statusCode(), JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw FogctlException.unreachable(server + " answered HTTP " + response.statusCode() + " to " + path
                    + " with something that is not JSON: is it a FogLedger node? ("
                    + text.substring(0, Math.min(80, text.length())).replaceAll("\\s+", " ") + ")");
        }
    }
}
