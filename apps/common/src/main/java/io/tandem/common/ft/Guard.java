package io.tandem.common.ft;

import java.util.function.Supplier;

import io.helidon.faulttolerance.CircuitBreaker;

/**
 * One dependency's protection: bulkhead, then circuit breaker, then timeout, then (idempotent calls only)
 * retries with exponential backoff and jitter. Built from a {@link DependencyPolicy}; publishes the breaker
 * state and bulkhead use as metrics.
 */
public interface Guard {
    static Guard create(DependencyPolicy policy) {
        return new HelidonGuard(policy);
    }

    /**
     * Calls the dependency through the guard.
     *
     * @param call the call; it should itself honour the policy timeout (client read timeout)
     * @param <T>  result type
     * @return its result
     * @throws RuntimeException the call's failure, or Helidon's {@code BulkheadException},
     *                          {@code CircuitBreakerOpenException}, {@code TimeoutException}
     */
    <T> T call(Supplier<T> call);

    /** Same, retrying failures per the policy: only for calls that are safe to repeat. */
    <T> T callIdempotent(Supplier<T> call);

    CircuitBreaker.State breakerState();

    DependencyPolicy policy();
}
