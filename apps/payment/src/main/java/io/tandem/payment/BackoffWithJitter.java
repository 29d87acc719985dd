package io.tandem.payment;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.faulttolerance.Retry;

/**
 * Exponential backoff with jitter (DESIGN.md: 100, 200, 400, 800 ms, 5 attempts at most): the n-th wait is
 * drawn uniformly between half and all of {@code base * 2^n}, so retries of many callers do not line up.
 */
final class BackoffWithJitter implements Retry.RetryPolicy {
    private final int attempts;
    private final long baseMillis;

    BackoffWithJitter(int attempts, Duration base) {
        this.attempts = attempts;
        this.baseMillis = Math.max(1, base.toMillis());
    }

    @Override
    public Optional<Long> nextDelayMillis(long firstCallMillis, long lastDelay, int call) {
        // Helidon passes the number of attempts made so far: 1 before the first retry.
        if (call >= attempts) {
            return Optional.empty();
        }
        long ceiling = baseMillis << Math.min(Math.max(call - 1, 0), 20);
        return Optional.of(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
