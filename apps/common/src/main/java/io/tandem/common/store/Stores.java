package io.tandem.common.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The stores of one cluster, by role rather than by server, so that the same code runs on A and B.
 *
 * <ul>
 *     <li>{@code db.primary}: db-a, where ATC carts and address writes live; absent on cluster B.</li>
 *     <li>{@code db.reads}: where addresses are read; db-a on A, the db-a replica on B.</li>
 *     <li>{@code db.orders}: orders, payments, outbox; db-a on A, db-b on B.</li>
 *     <li>{@code redis}: this cluster's Redis (buy-now carts, idempotency keys, rate limits).</li>
 * </ul>
 * A role that is not configured, or has {@code enabled: false}, is empty; a service that needs it says so.
 */
public final class Stores implements AutoCloseable {
    /** Default Redis timeout (DESIGN.md: 500 ms). */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(500);

    private final Optional<DbClient> primary;
    private final Optional<DbClient> reads;
    private final Optional<DbClient> orders;
    private final Optional<RedisClient> redis;
    private final List<HealthCheck> readiness = new ArrayList<>();

    private Stores(Config config) {
        primary = db(config.get("db.primary"));
        reads = db(config.get("db.reads"));
        orders = db(config.get("db.orders"));
        redis = redis(config.get("redis"));
        primary.ifPresent(db -> readiness.add(StoreProbes.database("db-primary", db)));
        reads.ifPresent(db -> readiness.add(StoreProbes.database("db-reads", db)));
        orders.ifPresent(db -> readiness.add(StoreProbes.database("db-orders", db)));
        redis.ifPresent(r -> readiness.add(StoreProbes.redis("redis", r)));
    }

    /**
     * Opens the stores named in config; connections are made lazily, so a store that is down does not stop
     * start-up (readiness reports it instead).
     *
     * @param config the root config
     * @return the stores
     */
    public static Stores create(Config config) {
        return new Stores(config);
    }

    public Optional<DbClient> primary() {
        return primary;
    }

    public Optional<DbClient> reads() {
        return reads;
    }

    public Optional<DbClient> orders() {
        return orders;
    }

    public Optional<RedisClient> redis() {
        return redis;
    }

    /** Readiness checks, one per configured store. */
    public List<HealthCheck> readinessChecks() {
        return List.copyOf(readiness);
    }

    @Override
    public void close() {
        redis.ifPresent(RedisClient::close);
    }

    private static Optional<DbClient> db(Config config) {
        // enabled=false switches a role off: cluster B has no db.primary.
        if (!config.get("enabled").asBoolean().orElse(true)
                || config.get("connection.url").asString().orElse("").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(DbClient.create(config));
    }

    private static Optional<RedisClient> redis(Config config) {
        Optional<String> url = config.get("url").asString().asOptional().filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.get());
        int timeoutMillis = (int) config.get("timeout").as(Duration.class).orElse(DEFAULT_REDIS_TIMEOUT).toMillis();
        return Optional.of(RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(timeoutMillis)
                        .socketTimeoutMillis(timeoutMillis)
                        .build())
                .build());
    }
}
