package io.tandem.common.ft;

import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.Timeout;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import io.opentelemetry.context.Context;

import io.tandem.common.trace.Traces;

/** {@link Guard} over helidon-faulttolerance, nested explicitly so the order is never in doubt. */
final class HelidonGuard implements Guard {
    private final DependencyPolicy policy;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Timeout timeout;
    private final Retrier retrier;

    HelidonGuard(DependencyPolicy policy) {
        this(policy, Retrier.Sleeper.THREAD, null);
    }

    /** With the retry's waits and jitter in the test's hands. */
    HelidonGuard(DependencyPolicy policy, Retrier.Sleeper sleeper, RandomGenerator random) {
        this.policy = policy;
        this.bulkhead = Bulkhead.builder().name(policy.name() + "-bulkhead")
                .limit(policy.bulkheadLimit()).queueLength(policy.bulkheadQueue()).build();
        this.breaker = CircuitBreaker.builder().name(policy.name() + "-breaker")
                .errorRatio(policy.errorRatio()).volume(policy.volume()).delay(policy.delay())
                .successThreshold(policy.successThreshold()).build();
        this.timeout = Timeout.builder().name(policy.name() + "-timeout").timeout(policy.timeout()).build();
        // An open breaker or a full bulkhead will not be better 100 ms later. The waits come between attempts
        // only: the first attempt starts at once (its jitter once sat inside the call and delayed every call).
        this.retrier = new Retrier(policy.retry(),
                e -> !(e instanceof CircuitBreakerOpenException) && !(e instanceof BulkheadException), sleeper, random);
        registerMetrics();
    }

    @Override
    public <T> T call(Supplier<T> call) {
        // Helidon's Timeout runs the call on another thread: the trace context goes with it, so the call's client
        // span (and the traceparent it sends) stays in the caller's trace.
        Supplier<T> carried = Traces.inTrace() ? Context.current().wrapSupplier(call) : call;
        return bulkhead.invoke(() -> breaker.invoke(() -> timeout.invoke(carried)));
    }

    @Override
    public <T> T callIdempotent(Supplier<T> call) {
        return retrier.call(() -> call(call));
    }

    @Override
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public DependencyPolicy policy() {
        return policy;
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
