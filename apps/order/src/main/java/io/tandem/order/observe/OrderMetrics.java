package io.tandem.order.observe;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

/**
 * The order service's meters, tagged by cluster: {@code orders_placed_total}, {@code orders_confirmed_total},
 * {@code orders_failed_total{reason}}, {@code order_step_seconds{step}} (histogram),
 * {@code order_place_to_confirmed_seconds} and the outbox gauges.
 */
public final class OrderMetrics {
    /** The reasons an order can end FAILED with (the saga's step failures), exported at 0 from the start. */
    public static final java.util.List<String> FAILURE_REASONS =
            java.util.List.of("CARD_DECLINED", "OUT_OF_STOCK", "PAYMENT_REJECTED", "PRICING_UNAVAILABLE", "UNKNOWN_PRODUCT");

    /** The saga's steps (PlaceOrderSaga.stepName), timed from the start. */
    public static final java.util.List<String> STEPS = java.util.List.of("price", "reserve", "pay", "confirm");

    private final String cluster;

    public OrderMetrics(String cluster) {
        this.cluster = cluster;
        // A meter made on first use is missing from a fresh process, and the dashboards' panels with it.
        counter("orders_placed_total", "orders accepted by place-order");
        counter("orders_confirmed_total", "orders that reached CONFIRMED");
        FAILURE_REASONS.forEach(this::failedCounter);
        STEPS.forEach(step -> timer("order_step_seconds", step));
        timer("order_place_to_confirmed_seconds", null);
    }

    public void placed() {
        counter("orders_placed_total", "orders accepted by place-order").increment();
    }

    public void confirmed(long placedAtMillis) {
        counter("orders_confirmed_total", "orders that reached CONFIRMED").increment();
        timer("order_place_to_confirmed_seconds", null).record(Duration.ofMillis(System.currentTimeMillis() - placedAtMillis));
    }

    public void failed(String reason) {
        failedCounter(reason).increment();
    }

    private Counter failedCounter(String reason) {
        return Metrics.getOrCreate(Counter.builder("orders_failed_total").description("orders that ended FAILED, by reason")
                .tags(Metrics.tags("cluster", cluster, "reason", reason)));
    }

    public void step(String step, long startedNanos) {
        timer("order_step_seconds", step).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Metrics.getOrCreate(Gauge.builder(name, () -> value.get().doubleValue()).description(description)
                .tags(Metrics.tags("cluster", cluster)));
    }

    private Counter counter(String name, String description) {
        return Metrics.getOrCreate(Counter.builder(name).description(description).tags(Metrics.tags("cluster", cluster)));
    }

    private Timer timer(String name, String step) {
        Timer.Builder builder = Timer.builder(name).publishPercentileHistogram(true)
                .tags(step == null ? Metrics.tags("cluster", cluster) : Metrics.tags("cluster", cluster, "step", step));
        return Metrics.getOrCreate(builder);
    }
}
