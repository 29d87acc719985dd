package io.tandem.cart;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

/**
 * {@code tandem_checkout_sessions_started_total{cluster,kind="buy_now|atc"}}: checkout sessions started on this
 * cluster, one per session key issued with its checkout cart. Counted where the session starts, so it is true on
 * both clusters and for ATC and buy-now alike; the order service counts the same sessions' orders (conversion,
 * abandonment: dashboards/metrics.md).
 */
final class SessionMetrics {
    /** The kinds {@link Carts#startCheckout} is called with; each series exists from the start, at 0. */
    static final List<String> KINDS = List.of("BUY_NOW", "ATC");

    private final Map<String, Counter> started;

    SessionMetrics(String cluster) {
        this.started = KINDS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), kind ->
                Metrics.getOrCreate(Counter.builder("tandem.checkout.sessions.started")
                        .description("checkout sessions started (cart made, session key issued), by kind")
                        .tags(Metrics.tags("cluster", cluster, "kind", kind.toLowerCase(Locale.ROOT))))));
    }

    /** A session started: its checkout cart is stored and its key issued. */
    void started(String kind) {
        Counter counter = started.get(kind);
        if (counter == null) {
            throw new IllegalArgumentException("unknown checkout kind " + kind + ", expected one of " + KINDS);
        }
        counter.increment();
    }
}
