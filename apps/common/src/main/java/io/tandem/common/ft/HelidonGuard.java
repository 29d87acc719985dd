package io.tandem.common.ft;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.Retry;
import io.helidon.faulttolerance.Timeout;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/** {@link Guard} over helidon-faulttolerance, nested explicitly so the order is never in doubt. */
final class HelidonGuard implements Guard {
    private final DependencyPolicy policy;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Timeout timeout;
    private final Retry retry;

    HelidonGuard(DependencyPolicy policy) {
        this.policy = policy;
        this.bulkhead = Bulkhead.builder().name(policy.name() + "-bulkhead")
                .limit(policy.bulkheadLimit()).queueLength(policy.bulkheadQueue()).build();
        this.breaker = CircuitBreaker.builder().name(policy.name() + "-breaker")
                .errorRatio(policy.errorRatio()).volume(policy.volume()).delay(policy.delay())
                .successThreshold(policy.successThreshold()).build();
        this.timeout = Timeout.builder().name(policy.name() + "-timeout").timeout(policy.timeout()).build();
        this.retry = Retry.builder().name(policy.name() + "-retry")
                .retryPolicy(Retry.DelayingRetryPolicy.builder()
                        .calls(policy.retryAttempts())
                        .delay(policy.retryDelay())
                        .delayFactor(2)
                        .build())
                .overallTimeout(policy.timeout().plus(policy.retryDelay().plus(policy.retryJitter()))
                        .multipliedBy(1L << policy.retryAttempts()))
                // an open breaker or a full bulkhead will not be better 100 ms later
                .addSkipOn(CircuitBreakerOpenException.class)
                .addSkipOn(BulkheadException.class)
                .build();
        registerMetrics();
    }

    @Override
    public <T> T call(Supplier<T> call) {
        return bulkhead.invoke(() -> breaker.invoke(() -> timeout.invoke(call)));
    }

    @Override
    public <T> T callIdempotent(Supplier<T> call) {
        if (policy.retryAttempts() <= 1) {
            return call(call);
        }
        return retry.invoke(() -> {
            jitter();
            return call(call);
        });
    }

    @Override
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public DependencyPolicy policy() {
        return policy;
    }

    private void jitter() {
        long spread = policy.retryJitter().toMillis();
        if (spread > 0) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(spread + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 0 closed, 1 half-open, 2 open; plus bulkhead use, the "pool" of calls to this dependency. */
    private void registerMetrics() {
        List<Tag> tags = List.of(Tag.create("dependency", policy.name()));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.breaker.state",
                () -> switch (breaker.state()) {
                    case CLOSED -> 0;
                    case HALF_OPEN -> 1;
                    case OPEN -> 2;
                }).tags(tags).description("Circuit breaker state: 0 closed, 1 half-open, 2 open"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.bulkhead.concurrent",
                () -> bulkhead.stats().concurrentExecutions()).tags(tags).description("Calls in flight"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.bulkhead.waiting",
                () -> bulkhead.stats().waitingQueueSize()).tags(tags).description("Calls waiting for a slot"));
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.bulkhead.rejected",
                () -> bulkhead.stats().callsRejected()).tags(tags).description("Calls refused by the bulkhead"));
    }
}
