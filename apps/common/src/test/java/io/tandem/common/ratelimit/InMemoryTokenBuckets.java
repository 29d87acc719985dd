package io.tandem.common.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For unit tests only: the same arithmetic as the Redis script, with a clock that tests may move. */
public final class InMemoryTokenBuckets implements TokenBuckets {
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();
    private volatile long nowMillis = 1_000_000;

    public void advance(Duration by) {
        nowMillis += by.toMillis();
    }

    @Override
    public synchronized Duration take(String bucket, int capacity, Duration period) {
        double perMs = capacity / (double) period.toMillis();
        double[] state = buckets.computeIfAbsent(bucket, b -> new double[] {capacity, nowMillis});
        double tokens = Math.min(capacity, state[0] + Math.max(0, nowMillis - state[1]) * perMs);
        long wait = 0;
        if (tokens >= 1) {
            tokens -= 1;
        } else {
            wait = (long) Math.ceil((1 - tokens) / perMs);
        }
        state[0] = tokens;
        state[1] = nowMillis;
        return Duration.ofMillis(wait);
    }
}
