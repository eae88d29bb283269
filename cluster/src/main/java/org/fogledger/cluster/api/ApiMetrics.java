package org.fogledger.cluster.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The API's request metrics, scraped at {@code /metrics} in Prometheus text format:
 * {@code fogledger_api_requests_total{route,method,status}} and the latency timer
 * {@code fogledger_api_request_duration_seconds{route,method}}. Routes are tagged by their pattern
 * ({@code /api/v1/devices/{id}}), never by the concrete path, so the number of series stays bounded.
 */
public final class ApiMetrics {
    public static final String REQUESTS = "fogledger.api.requests";
    public static final String DURATION = "fogledger.api.request.duration";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void record(String route, String method, int status, Duration took) {
        Counter.builder(REQUESTS).description("HTTP API requests answered, by route pattern, method and status")
                .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                .register(registry).increment();
        Timer.builder(DURATION).description("HTTP API request latency, by route pattern and method")
                .tag("route", route).tag("method", method)
                .register(registry).record(took);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
