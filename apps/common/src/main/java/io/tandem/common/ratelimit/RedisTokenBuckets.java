package io.tandem.common.ratelimit;

import io.tandem.common.trace.Traces;
import java.time.Duration;
import java.util.List;

import redis.clients.jedis.RedisClient;

/**
 * Token buckets in this cluster's Redis: one hash per bucket (tokens, last refill), updated by one Lua script
 * so that concurrent requests on all nodes of a cluster share the bucket exactly. Time is Redis's own
 * clock, so nodes with skewed clocks agree.
 */
final class RedisTokenBuckets implements TokenBuckets {
    private static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local per_ms = capacity / tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then tokens = capacity; at = now end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
            local wait = 0
            if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / per_ms) end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
            return wait
            """;

    private final RedisClient redis;

    RedisTokenBuckets(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public Duration take(String bucket, int capacity, Duration period) {
        Object wait = Traces.client("redis", "EVAL rate-limit", () -> redis.eval(SCRIPT, List.of(bucket),
                List.of(Integer.toString(capacity), Long.toString(period.toMillis()))));
        return Duration.ofMillis(((Number) wait).longValue());
    }
}
