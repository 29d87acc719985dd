package io.tandem.payment;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The series registered at start are the ones the payments count into (the kinds as DbPayments names them), so a
 * fresh process exports {@code payment_successes_total{kind="charge"}} at 0, as the payment success rate panels and
 * the PaymentFailureRateHigh rule select it.
 */
class PaymentMetricsTest {
    @Test
    void theSeriesRegisteredAtStartAreTheOnesCountedInto() {
        PaymentMetrics metrics = new PaymentMetrics();
        Counter charges = counter("payment_successes_total", "kind", PaymentMetrics.CHARGE);
        Counter declines = counter("payment_failures_total", "kind", PaymentMetrics.CHARGE, "reason", "card_declined");
        long chargesBefore = charges.count();
        long declinesBefore = declines.count();

        metrics.success(PaymentMetrics.CHARGE);
        metrics.failure(PaymentMetrics.CHARGE, "card_declined");

        assertThat(charges.count() - chargesBefore, is(1L));
        assertThat(declines.count() - declinesBefore, is(1L));
        assertThat(PaymentMetrics.CHARGE, is("charge"));
        assertThat(PaymentMetrics.REFUND, is("refund"));
        assertThat("no upper-case kind left over", Metrics.getCounter("payment_successes_total",
                Metrics.tags("kind", "CHARGE")).isPresent(), is(false));
    }

    private static Counter counter(String name, String... tags) {
        return Metrics.getCounter(name, Metrics.tags(tags))
                .orElseThrow(() -> new AssertionError(name + " not registered at start"));
    }
}
