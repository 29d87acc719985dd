package io.tandem.common.observe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * One timer per service, route, method and status class: its count is the request rate, the 4xx/5xx series
 * are the errors, and its buckets are the latency histogram ({@code tandem_http_requests_seconds_bucket}).
 */
public final class RouteMetrics {
    /** Histogram buckets, from a cache hit to a slow dependency with retries. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final String service;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RouteMetrics(String service) {
        this.service = service;
    }

    public void record(String method, String route, int status, long nanos) {
        String outcome = (status / 100) + "xx";
        timers.computeIfAbsent(method + route + outcome, k -> Metrics.globalRegistry().getOrCreate(
                Timer.builder("tandem.http.requests")
                        .description("Requests per route: count is the rate, status the errors, buckets the latency")
                        .tags(java.util.List.of(Tag.create("service", service), Tag.create("route", route),
                                Tag.create("method", method), Tag.create("status", outcome)))
                        .buckets(BUCKETS)))
                .record(Duration.ofNanos(nanos));
    }
}
