package io.tandem.payment;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

/** Payment outcomes by kind: {@code payment_failures_total{kind,reason}} and {@code payment_successes_total{kind}}. */
final class PaymentMetrics {
    void failure(String kind, String reason) {
        Metrics.getOrCreate(Counter.builder("payment_failures_total")
                .description("charges and refunds that did not succeed, by reason")
                .tags(Metrics.tags("kind", kind, "reason", reason))).increment();
    }

    void success(String kind) {
        Metrics.getOrCreate(Counter.builder("payment_successes_total")
                .tags(Metrics.tags("kind", kind))).increment();
    }
}
