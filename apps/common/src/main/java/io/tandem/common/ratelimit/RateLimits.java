package io.tandem.common.ratelimit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.helidon.common.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Identity;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Per-user and per-IP limits (DESIGN.md: 100 a minute a user, 1000 an IP), token buckets in this cluster's
 * Redis. Config {@code rate-limit}: {@code enabled}, {@code per-user}, {@code per-ip}, {@code period},
 * {@code trusted-proxies} (peers whose {@code X-Forwarded-For} names the real client: the transact proxy),
 * {@code buckets} (the key prefix: services with other budgets, such as order polling, keep buckets of their own).
 * Over a limit: 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
public final class RateLimits {
    public static final int DEFAULT_PER_USER = 100;
    public static final int DEFAULT_PER_IP = 1000;
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
    public static final List<String> DEFAULT_TRUSTED_PROXIES = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");
    public static final String DEFAULT_BUCKETS = "rl";

    private final TokenBuckets buckets;
    private final boolean enabled;
    private final int perUser;
    private final int perIp;
    private final Duration period;
    private final List<String> trustedProxies;
    private final String prefix;
    private final Counter failOpen = Metrics.globalRegistry().getOrCreate(Counter.builder("tandem.ratelimit.failopen")
            .description("Requests let through because the rate limiter's Redis did not answer"));

    public RateLimits(TokenBuckets buckets, Config config) {
        this.buckets = buckets;
        this.enabled = config.get("enabled").asBoolean().orElse(true);
        this.perUser = config.get("per-user").asInt().orElse(DEFAULT_PER_USER);
        this.perIp = config.get("per-ip").asInt().orElse(DEFAULT_PER_IP);
        this.period = config.get("period").as(Duration.class).orElse(DEFAULT_PERIOD);
        this.trustedProxies = config.get("trusted-proxies").asList(String.class).orElse(DEFAULT_TRUSTED_PROXIES);
        this.prefix = config.get("buckets").asString().orElse(DEFAULT_BUCKETS);
    }

    public static RateLimits redis(RedisClient redis, Config config) {
        return new RateLimits(new RedisTokenBuckets(redis), config);
    }

    /** Takes a token from the caller's IP bucket and, when signed in, the user's; 429 when either is empty. */
    public void check(ServerRequest req) {
        if (!enabled) {
            return;
        }
        try {
            refuseIfWaiting(buckets.take(prefix + ":ip:" + clientIp(req), perIp, period), "this address");
            Optional<String> user = Identity.user(req);
            if (user.isPresent()) {
                refuseIfWaiting(buckets.take(prefix + ":user:" + user.get(), perUser, period), "this user");
            }
        } catch (JedisException e) {
            // A rate-limiter outage must not stop checkouts: fail open, and count it.
            failOpen.increment();
        }
    }

    private static void refuseIfWaiting(Duration wait, String who) {
        if (!wait.isZero()) {
            throw ApiException.tooManyRequests("Too many requests from " + who + ".", wait);
        }
    }

    /** The peer, or the last hop a trusted proxy added to {@code X-Forwarded-For}. */
    String clientIp(ServerRequest req) {
        String peer = peerIp(req.remotePeer().address());
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        return req.headers().first(HeaderNames.X_FORWARDED_FOR)
                .map(forwarded -> forwarded.substring(forwarded.lastIndexOf(',') + 1).strip())
                .filter(ip -> !ip.isEmpty() && ip.length() <= 45 && ip.matches("[0-9A-Fa-f.:]+"))
                .orElse(peer);
    }

    private static String peerIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
