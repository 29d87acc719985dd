package io.tandem.stock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * {@code tandem_stock_reservation_seconds} (histogram of a reserve call inside the service, database included),
 * {@code tandem_stock_outcomes_total{call,result}} (reserve/commit/release by what they answered: HELD,
 * OUT_OF_STOCK, ...), {@code tandem_stock_expired_total} (holds given back by the sweeper).
 */
final class StockMetrics {
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final Timer reservation = Metrics.globalRegistry().getOrCreate(Timer.builder("tandem.stock.reservation")
            .description("Reserve calls: latency inside the stock service, database included").buckets(BUCKETS));
    private final Counter expired = Metrics.globalRegistry().getOrCreate(Counter.builder("tandem.stock.expired")
            .description("Holds never committed, given back by the sweeper"));
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    void reserved(long startNanos) {
        reservation.record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    void outcome(String call, String result) {
        outcomes.computeIfAbsent(call + "/" + result, k -> Metrics.globalRegistry().getOrCreate(
                Counter.builder("tandem.stock.outcomes").description("Reservation calls by what they answered")
                        .tags(List.of(Tag.create("call", call), Tag.create("result", result))))).increment();
    }

    void expired() {
        expired.increment();
    }
}
