package io.tandem.common.ratelimit;

import java.time.Duration;

/** Token buckets by name: one token a request, refilled at {@code capacity / period}. */
public interface TokenBuckets {
    /**
     * Takes one token from the named bucket.
     *
     * @param bucket   bucket name (e.g. {@code rl:user:u1})
     * @param capacity tokens when full (the burst), also the tokens per period
     * @param period   time to refill a full bucket
     * @return zero when a token was taken, else how long until one is free
     */
    Duration take(String bucket, int capacity, Duration period);
}
