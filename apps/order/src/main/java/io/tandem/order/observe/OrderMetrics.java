package io.tandem.order.observe;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

/**
 * The order service's meters, tagged by cluster: {@code orders_placed_total}, {@code orders_confirmed_total},
 * {@code orders_failed_total{reason}}, {@code order_step_seconds{step}} (histogram),
 * {@code order_place_to_confirmed_seconds}, the outbox gauges, and the business ones (dashboards/metrics.md):
 * {@code tandem_order_value_cents{currency}} (the total of each confirmed order: its sum over its count is the average
 * order value) and {@code tandem_checkout_time_to_order_seconds} (session start to its first order placed: its count
 * is the sessions that ordered, what cart abandonment compares with the sessions started).
 */
public final class OrderMetrics {
    /** The reasons an order can end FAILED with (the saga's step failures), exported at 0 from the start. */
    public static final List<String> FAILURE_REASONS =
            List.of("CARD_DECLINED", "OUT_OF_STOCK", "PAYMENT_REJECTED", "PRICING_UNAVAILABLE", "UNKNOWN_PRODUCT");

    /** The saga's steps (PlaceOrderSaga.stepName), timed from the start. */
    public static final List<String> STEPS = List.of("price", "reserve", "pay", "confirm");

    /**
     * Currencies whose order value series exist from the start (config {@code order.metrics.currencies}): the
     * catalog prices in EUR. An order in another currency makes its own series on first use.
     */
    public static final List<String> DEFAULT_CURRENCIES = List.of("EUR");

    /**
     * Order value buckets, in cents: the catalog's unit prices run from 1.99 to 999.99 EUR, a buy-now line takes a
     * few units, an ATC cart several lines.
     */
    static final double[] VALUE_BUCKETS_CENTS = {500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
            500_000, 1_000_000};

    /**
     * Time to checkout buckets: a scripted session orders within a second, a shopper within minutes; a checkout cart
     * lives 30 minutes (cart.buy-now.ttl), so nothing is placed later than that.
     */
    static final Duration[] TIME_TO_ORDER_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(20), Duration.ofMinutes(30)};

    /** Label value of an order value with no currency (never expected: an order is priced before it is paid). */
    static final String NO_CURRENCY = "none";

    private final String cluster;

    public OrderMetrics(String cluster) {
        this(cluster, DEFAULT_CURRENCIES);
    }

    /** @param currencies the currencies whose order value series are exported at 0 from the start */
    public OrderMetrics(String cluster, List<String> currencies) {
        this.cluster = cluster;
        // A meter made on first use is missing from a fresh process, and the dashboards' panels with it.
        counter("orders_placed_total", "orders accepted by place-order");
        counter("orders_confirmed_total", "orders that reached CONFIRMED");
        FAILURE_REASONS.forEach(this::failedCounter);
        STEPS.forEach(step -> timer("order_step_seconds", step));
        timer("order_place_to_confirmed_seconds", null);
        currencies.forEach(this::orderValue);
        timeToOrder();
    }

    public void placed() {
        counter("orders_placed_total", "orders accepted by place-order").increment();
    }

    /**
     * A session placed its first order (a new order of a cart whose order FAILED is not one): the time since the
     * session started. Called once per session, so the histogram's count is the sessions that ordered.
     *
     * @param sessionStartedAtMillis when the session's cart was made and its key issued (the cart service's clock,
     *                               the same cluster's)
     * @param placedAtMillis         when the order was stored
     */
    public void sessionOrdered(long sessionStartedAtMillis, long placedAtMillis) {
        // Two clocks of one cluster: a step back between them is no negative time.
        timeToOrder().record(Duration.ofMillis(Math.max(0, placedAtMillis - sessionStartedAtMillis)));
    }

    /**
     * An order reached CONFIRMED: called once per order, by the call that moved it there (a step run again, or
     * by a second worker, confirms nothing and must not call this).
     *
     * @param totalCents the order's total in minor units, null when unknown (it is not: an order is priced before
     *                   it is paid)
     */
    public void confirmed(long placedAtMillis, Long totalCents, String currency) {
        counter("orders_confirmed_total", "orders that reached CONFIRMED").increment();
        timer("order_place_to_confirmed_seconds", null).record(Duration.ofMillis(System.currentTimeMillis() - placedAtMillis));
        if (totalCents != null) {
            orderValue(currency == null ? NO_CURRENCY : currency).record(totalCents);
        }
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

    /** Exported as {@code tandem_order_value_cents_bucket|_count|_sum|_max}: _sum is the value confirmed. */
    private DistributionSummary orderValue(String currency) {
        return Metrics.getOrCreate(DistributionSummary.builder("tandem.order.value.cents",
                        DistributionStatisticsConfig.builder().buckets(VALUE_BUCKETS_CENTS))
                .description("total of each confirmed order, in minor units (cents) of its currency")
                .tags(Metrics.tags("cluster", cluster, "currency", currency)));
    }

    /** Exported as {@code tandem_checkout_time_to_order_seconds_bucket|_count|_sum|_max}. */
    private Timer timeToOrder() {
        return Metrics.getOrCreate(Timer.builder("tandem.checkout.time.to.order").buckets(TIME_TO_ORDER_BUCKETS)
                .description("from a checkout session's start (cart made, session key issued) to its first order placed")
                .tags(Metrics.tags("cluster", cluster)));
    }
}
