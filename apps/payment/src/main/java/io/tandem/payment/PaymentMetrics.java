package io.tandem.payment;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

/** Payment outcomes by kind: {@code payment_failures_total{kind,reason}} and {@code payment_successes_total{kind}}. */
final class PaymentMetrics {
    /**
     * Exported at 0 from the start: a meter made on first use is missing from a fresh process's dashboards. The
     * label values {@link DbPayments} counts with (lower case, as the rules and panels select them).
     */
    static final String CHARGE = "charge";
    static final String REFUND = "refund";
    static final java.util.List<String> KINDS = java.util.List.of(CHARGE, REFUND);
    static final java.util.List<String> KNOWN_REASONS = java.util.List.of("unavailable", "declined", "card_declined", "rejected");

    PaymentMetrics() {
        for (String kind : KINDS) {
            successes(kind);
            KNOWN_REASONS.forEach(reason -> failures(kind, reason));
        }
    }

    void failure(String kind, String reason) {
        failures(kind, reason).increment();
    }

    void success(String kind) {
        successes(kind).increment();
    }

    private static Counter failures(String kind, String reason) {
        return Metrics.getOrCreate(Counter.builder("payment_failures_total")
                .description("charges and refunds that did not succeed, by reason")
                .tags(Metrics.tags("kind", kind, "reason", reason)));
    }

    private static Counter successes(String kind) {
        return Metrics.getOrCreate(Counter.builder("payment_successes_total")
                .tags(Metrics.tags("kind", kind)));
    }
}
