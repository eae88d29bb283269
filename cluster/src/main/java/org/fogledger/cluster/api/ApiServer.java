package org.fogledger.cluster.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.ETag;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.fogledger.cluster.health.NodeReadiness;
import org.fogledger.ledger.client.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's HTTP API: {@code /api/v1} over a {@link LedgerClient} (see docs/API.md), plus {@code /alive},
 * {@code /ready} and {@code /metrics}. It holds no keys: every change to the ledger is a transaction its client
 * signed; the server checks it before it reaches a validator, so bad input costs the validators nothing.
 *
 * <p>Every error is a JSON body {@code {"error": {"code", "message"}}} with a stable code (the table in
 * docs/API.md). Bodies are read whole, up to {@link ApiSettings#maxBodyBytes()}; single-resource reads carry an
 * {@code ETag} (a hash of the body) and answer 304 to a matching {@code If-None-Match}.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ActorSystem<?> system;
    private final LedgerClient ledger;
    private final ApiSettings settings;
    private final Materializer materializer;
    private final ApiMetrics metrics = new ApiMetrics();
    private final ApiRouter router = new ApiRouter();

    private ApiServer(ActorSystem<?> system, LedgerClient ledger, ApiSettings settings, AuditTrails trails) {
        this.system = system;
        this.ledger = ledger;
        this.settings = settings;
        this.materializer = Materializer.matFromSystem(system);
        router.get("/alive", request -> CompletableFuture.completedFuture(ApiResponse.json(200, ApiJson.bytes(
                ApiJson.object().put("status", "alive")))));
        router.get("/ready", request -> NodeReadiness.get(system).notReadyBecause()
                .thenApply(roles -> ready(roles.orElse(null))));
        router.get("/metrics", request -> CompletableFuture.completedFuture(ApiResponse.text(200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
        new LedgerRoutes(ledger, settings, trails).addTo(router);
    }

    /** A running API: where it listens, its metrics, and how to stop it. */
    public static final class Binding {
        private final ServerBinding binding;
        private final ApiMetrics metrics;

        private Binding(ServerBinding binding, ApiMetrics metrics) {
            this.binding = binding;
            this.metrics = metrics;
        }

        public InetSocketAddress address() {
            return binding.localAddress();
        }

        public int port() {
            return binding.localAddress().getPort();
        }

        public ApiMetrics metrics() {
            return metrics;
        }

        /** Stops accepting connections and lets requests in flight finish within {@code grace}. */
        public CompletionStage<Void> stop(Duration grace) {
            return binding.terminate(grace).thenApply(terminated -> null);
        }
    }

    /** Binds the API; completes once it listens (or fails naming the address it could not bind). */
    public static CompletionStage<Binding> start(ActorSystem<?> system, LedgerClient ledger, ApiSettings settings) {
        return start(system, ledger, settings, AuditTrails.NONE);
    }

    /** Binds the API; {@code trails} finds the anchored batches of the streams whose proofs it serves. */
    public static CompletionStage<Binding> start(ActorSystem<?> system, LedgerClient ledger, ApiSettings settings,
                                                 AuditTrails trails) {
        ApiServer server = new ApiServer(system, ledger, settings, trails);
        var at = Http.get(system).newServerAt(settings.host(), settings.port());
        if (settings.tls() != null) {
            at = at.enableHttps(ConnectionContext.httpsServer(settings.tls().serverContext()));
        }
        return at.bind(server::handle)
                .thenApply(binding -> {
                    LOG.info("HTTP API listening on {}://{}:{} (chain {})", settings.tls() != null ? "https" : "http",
                            binding.localAddress().getHostString(), binding.localAddress().getPort(),
                            settings.chainId());
                    return new Binding(binding, server.metrics);
                });
    }

    // -----------------------------------------------------------------------------------------------------------

    private CompletionStage<HttpResponse> handle(HttpRequest request) {
        long started = System.nanoTime();
        String method = request.method().value();
        String path = request.getUri().path();
        ApiRouter.Match match;
        try {
            match = router.resolve(method, path);
        } catch (ApiProblem problem) {
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(finish(request, "unmatched", method, started,
                    error(problem)));
        }
        ApiRouter.Route route = match.route();
        CompletionStage<ApiResponse> answer;
        try {
            answer = readBody(request, route.readsBody())
                    .thenCompose(body -> route.handler().handle(new ApiRequest(request, match.parameters(), body)));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // The ledger client has its own timeout; this one bounds the whole request (reading the body included).
        answer = answer.toCompletableFuture().orTimeout(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return answer.handle((response, failure) -> finish(request, route.pattern(), method, started,
                failure == null ? response : error(failure)));
    }

    private CompletionStage<byte[]> readBody(HttpRequest request, boolean readsBody) {
        if (!readsBody) {
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(new byte[0]);
        }
        long max = settings.maxBodyBytes();
        Optional<Long> declared = request.entity().getContentLengthOption().isPresent()
                ? Optional.of(request.entity().getContentLengthOption().getAsLong()) : Optional.empty();
        if (declared.isPresent() && declared.get() > max) {
            request.discardEntityBytes(materializer);
            throw tooLarge(declared.get());
        }
        ContentType type = request.entity().getContentType();
        if (declared.orElse(1L) > 0 && !type.mediaType().toString().equals("application/json")) {
            request.discardEntityBytes(materializer);
            throw new ApiProblem(415, "unsupported-media-type", "the body must be application/json, got "
                    + type.mediaType());
        }
        return request.entity().toStrict(settings.answerTimeout().toMillis(), max, materializer)
                .thenApply(strict -> strict.getData().toArray())
                .exceptionally(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof EntityStreamSizeException) {
                        throw tooLarge(-1);
                    }
                    throw new ApiProblem(400, "unreadable-body", "could not read the request body: " + cause);
                });
    }

    private ApiProblem tooLarge(long declared) {
        return new ApiProblem(413, "body-too-large", "the request body " + (declared >= 0 ? "(" + declared
                + " bytes) " : "") + "exceeds the limit of " + settings.maxBodyBytes() + " bytes");
    }

    /** @param roles why the node's roles are not ready (a validator catching up), null when they are */
    private ApiResponse ready(String roles) {
        String reason = notReadyBecause();
        if (reason == null) {
            reason = roles;
        }
        ObjectNode body = ApiJson.object();
        if (reason == null) {
            body.put("status", "ready").put("validators", ledger.validators().size());
            return ApiResponse.json(200, ApiJson.bytes(body));
        }
        return ApiResponse.json(503, ApiJson.bytes(ApiJson.errorBody("not-ready", reason, null, null)));
    }

    /** Null when the node is a cluster member that is Up and sees validators; otherwise why not. */
    private String notReadyBecause() {
        try {
            MemberStatus status = Cluster.get(system).selfMember().status();
            if (status != MemberStatus.up()) {
                return "this node has not joined the cluster yet (member status " + status + ")";
            }
        } catch (RuntimeException e) {
            return "this node is not a cluster member: " + e.getMessage();
        }
        if (ledger.validators().isEmpty()) {
            return "no validator is visible through the receptionist yet";
        }
        return null;
    }

    private static ApiResponse error(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiProblem problem) {
            return ApiResponse.json(problem.status(), ApiJson.bytes(ApiJson.errorBody(problem.code(),
                    problem.getMessage(), problem.detailName(), problem.detail())));
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return ApiResponse.json(503, ApiJson.bytes(ApiJson.errorBody("ledger-unavailable",
                    "the ledger did not answer in time", null, null)));
        }
        if (cause instanceof org.fogledger.ledger.client.LedgerClientException) {
            return ApiResponse.json(503, ApiJson.bytes(ApiJson.errorBody("ledger-unavailable", cause.getMessage(),
                    null, null)));
        }
        LOG.warn("HTTP API request failed", cause);
        return ApiResponse.json(500, ApiJson.bytes(ApiJson.errorBody("internal-error",
                "the server could not answer: " + cause, null, null)));
    }

    private HttpResponse finish(HttpRequest request, String route, String method, long started, ApiResponse answer) {
        ApiResponse response = answer;
        String tag = null;
        if (response.etag() && response.status() == 200) {
            tag = etagOf(response.body());
            String wanted = request.getHeader("If-None-Match").map(h -> h.value()).orElse(null);
            if (wanted != null && matches(wanted, tag)) {
                response = new ApiResponse(304, response.contentType(), new byte[0], true, response.headers());
            }
        }
        metrics.record(route, method, response.status(), Duration.ofNanos(System.nanoTime() - started));
        HttpResponse http = HttpResponse.create().withStatus(response.status());
        if (response.status() != 304) {
            ContentType type = response.contentType().equals(ApiResponse.JSON) ? ContentTypes.APPLICATION_JSON
                    : ContentTypes.parse(response.contentType());
            http = http.withEntity(type, response.body());
        }
        if (tag != null) {
            http = http.addHeader(ETag.create(EntityTag.create(tag, false)));
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            http = http.addHeader(RawHeader.create(header.getKey(), header.getValue()));
        }
        return http;
    }

    /** A strong tag: the first 128 bits of the body's SHA-256, hex. */
    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static boolean matches(String ifNoneMatch, String tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals("\"" + tag + "\"")) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

}
