package io.tandem.payment;

import java.net.URI;
import java.time.Duration;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;

import io.tandem.common.ft.Backoff;

/**
 * Charges and refunds, each under an idempotency key that is stored in this cluster's order database before
 * the provider is called and passed on to the provider: repeating a call with the same key, after a timeout,
 * a crash or a retry, never moves money twice.
 */
public interface Payments {
    /** Outside API timeout (DESIGN.md: 10 s), per attempt. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Attempts of one call, the first included (DESIGN.md: 5 at most), and the waits between them: 100, 200, 400,
     * 800 ms, each drawn between half and all of that (equal jitter).
     */
    Backoff DEFAULT_RETRY = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(800), 0.5);
    /** Calls over which the breaker measures the error ratio. */
    int DEFAULT_BREAKER_VOLUME = 10;
    /** Error percentage that opens the breaker (DESIGN.md: 50%). */
    int DEFAULT_BREAKER_ERROR_RATIO = 50;
    /** How long the breaker stays open before it probes again by itself. */
    Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(5);
    /** Default provider address (the local simulator). */
    String DEFAULT_PROVIDER_URL = "http://127.0.0.1:8303";

    /**
     * Charges once per key.
     *
     * @throws PaymentUnavailableException  no certain answer yet: call again later with the same key
     * @throws IdempotencyConflictException the key was used for another payment
     */
    PaymentResult charge(String idempotencyKey, String orderNumber, long amountCents, String currency, String cardToken);

    /**
     * Refunds the succeeded charge of an order, once per key.
     *
     * @throws PaymentUnavailableException no certain answer yet, or the charge itself is still unsettled
     */
    PaymentResult refund(String idempotencyKey, String orderNumber);

    /**
     * Payments from the {@code payment} config node: {@code provider.url}, {@code provider.timeout},
     * {@code retry.attempts|base|cap|jitter} (a {@link Backoff}), {@code breaker.volume|error-ratio|delay}.
     */
    static Payments create(Config config, DbClient orders) {
        URI url = URI.create(config.get("provider.url").asString().orElse(DEFAULT_PROVIDER_URL));
        Duration timeout = config.get("provider.timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT);
        return create(config, orders, new HttpPaymentProvider(url, timeout));
    }

    /**
     * Payments from the root config: the {@code payment} node, with the provider address from
     * {@code payment.provider.url}, else {@code psp.url} (the key envs/local passes to every cluster JVM).
     */
    static Payments fromRoot(Config root, DbClient orders) {
        Config node = root.get("payment");
        URI url = URI.create(node.get("provider.url").asString()
                .or(() -> root.get("psp.url").asString().asOptional()).orElse(DEFAULT_PROVIDER_URL));
        Duration timeout = node.get("provider.timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT);
        return create(node, orders, new HttpPaymentProvider(url, timeout));
    }

    static Payments create(Config config, DbClient orders, PaymentProvider provider) {
        return new DbPayments(orders, new GuardedProvider(provider, config));
    }
}
