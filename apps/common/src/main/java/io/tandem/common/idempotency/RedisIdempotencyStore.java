package io.tandem.common.idempotency;

import io.tandem.common.trace.Traces;
import java.time.Duration;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Idempotency keys in this cluster's Redis. One string per key: {@code fingerprint \n status \n headers-json \n body};
 * status 0 means "claimed, still running". A claim is a {@code SET NX} with the full TTL, so two racing
 * requests with one key cannot both run.
 */
final class RedisIdempotencyStore implements IdempotencyStore {
    private final RedisClient redis;
    private final long ttlMillis;
    private final long pendingMillis;

    RedisIdempotencyStore(RedisClient redis, Duration ttl, Duration pendingTtl) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
        this.pendingMillis = pendingTtl.toMillis();
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        String pending = fingerprint + "\n0\n\n";
        return Traces.client("redis", "SET NX idempotency-key", () -> {
            if ("OK".equals(redis.set(key, pending, SetParams.setParams().nx().px(pendingMillis)))) {
                return new Claim.Fresh();
            }
            return Codec.decode(redis.get(key), fingerprint);
        });
    }

    @Override
    public void complete(String key, String fingerprint, StoredReply reply) {
        Traces.client("redis", "SET idempotency-reply",
                () -> redis.set(key, Codec.encode(fingerprint, reply), SetParams.setParams().px(ttlMillis)));
    }

    @Override
    public void release(String key) {
        redis.del(key);
    }
}
