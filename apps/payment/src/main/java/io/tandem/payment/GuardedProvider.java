package io.tandem.payment;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.common.config.Config;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;

import io.tandem.common.ft.Backoff;
import io.tandem.common.ft.Retrier;

/**
 * The provider behind a retry (backoff with jitter; safe because every call carries an idempotency key)
 * and a circuit breaker (so a dead provider is not hammered; it probes again by itself after its delay).
 */
final class GuardedProvider implements PaymentProvider {
    private final PaymentProvider provider;
    private final Retrier retry;
    private final CircuitBreaker breaker;

    GuardedProvider(PaymentProvider provider, Config config) {
        this.provider = provider;
        // Only "no certain answer yet" is worth asking again: an open breaker is answered at once.
        this.retry = new Retrier(Backoff.from(config.get("retry"), Payments.DEFAULT_RETRY),
                PaymentUnavailableException.class::isInstance);
        this.breaker = CircuitBreaker.builder()
                .name("payment-provider")
                .volume(config.get("breaker.volume").asInt().orElse(Payments.DEFAULT_BREAKER_VOLUME))
                .errorRatio(config.get("breaker.error-ratio").asInt().orElse(Payments.DEFAULT_BREAKER_ERROR_RATIO))
                .delay(config.get("breaker.delay").as(Duration.class).orElse(Payments.DEFAULT_BREAKER_DELAY))
                .successThreshold(1)
                .addApplyOn(PaymentUnavailableException.class)
                .build();
    }

    @Override
    public ProviderAnswer charge(String key, long amountCents, String currency, String cardToken, String reference) {
        return guarded(() -> provider.charge(key, amountCents, currency, cardToken, reference));
    }

    @Override
    public ProviderAnswer refund(String key, String chargeId) {
        return guarded(() -> provider.refund(key, chargeId));
    }

    CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    private ProviderAnswer guarded(Supplier<ProviderAnswer> call) {
        try {
            return retry.call(() -> breaker.invoke(call));
        } catch (CircuitBreakerOpenException e) {
            throw new PaymentUnavailableException("payment provider breaker is open", e);
        } catch (PaymentUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PaymentUnavailableException("payment provider call failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
