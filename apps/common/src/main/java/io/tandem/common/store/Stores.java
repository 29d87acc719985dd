package io.tandem.common.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;

import io.tandem.common.trace.DbSpans;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The stores of one cluster, by role rather than by server, so that the same code runs on A and B.
 *
 * <ul>
 *     <li>{@code db.primary}: db-a, where ATC carts and address writes live; absent on cluster B.</li>
 *     <li>{@code db.reads}: where addresses are read; db-a on A, the db-a replica on B.</li>
 *     <li>{@code db.promoted}: where this cluster writes ATC carts and addresses once its read replica is promoted
 *     and it holds the primary role ({@link PrimaryRole}); the db-a replica on B, absent on A. Never written while
 *     the role is elsewhere: the replica is read-only until promotion.</li>
 *     <li>{@code db.orders}: orders, payments, outbox; db-a on A, db-b on B.</li>
 *     <li>{@code redis}: this cluster's Redis (buy-now carts, idempotency keys, rate limits).</li>
 * </ul>
 * A role that is not configured, or has {@code enabled: false}, is empty; a service that needs it says so.
 * Every store has timeouts from the house cascade unless config says otherwise: databases in {@link DbTimeouts}
 * ({@code db.<role>.timeout.*}), Redis here ({@code redis.timeout}, {@code redis.connect-timeout},
 * {@code redis.pool.max-wait}, {@code redis.pool.max-total}).
 */
public final class Stores implements AutoCloseable {
    /** Default Redis timeout (DESIGN.md: 500 ms): a command's answer, and by default connect and pool wait too. */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(500);
    /** Jedis' own default pool size, named here so that it is a setting. */
    public static final int DEFAULT_REDIS_POOL_SIZE = 8;
    /** The readiness probe's statement of a database role, unless {@code db.<role>.probe} names another. */
    public static final String DEFAULT_PROBE = "SELECT 1";

    private final Optional<DbClient> primary;
    private final Optional<DbClient> reads;
    private final Optional<DbClient> promoted;
    private final Optional<DbClient> orders;
    private final Optional<RedisClient> redis;
    private final List<HealthCheck> readiness = new ArrayList<>();

    private Stores(Config config) {
        primary = db(config.get("db.primary"));
        reads = db(config.get("db.reads"));
        promoted = db(config.get("db.promoted"));
        orders = db(config.get("db.orders"));
        redis = redis(config.get("redis"));
        primary.ifPresent(db -> readiness.add(StoreProbes.database("db-primary", db, probe(config.get("db.primary")))));
        reads.ifPresent(db -> readiness.add(StoreProbes.database("db-reads", db, probe(config.get("db.reads")))));
        orders.ifPresent(db -> readiness.add(StoreProbes.database("db-orders", db, probe(config.get("db.orders")))));
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

    public Optional<DbClient> promoted() {
        return promoted;
    }

    /** Where primary-only data (ATC carts, address writes) is written when this cluster holds the role. */
    public Optional<DbClient> primaryWrites() {
        return primary.isPresent() ? primary : promoted;
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
        return Optional.of(database(config));
    }

    /** The statement a role's readiness probe runs: {@code db.<role>.probe}, else {@link #DEFAULT_PROBE}. */
    static String probe(Config store) {
        return store.get("probe").asString().asOptional().filter(p -> !p.isBlank()).orElse(DEFAULT_PROBE);
    }

    /**
     * A database client for one {@code db.<role>} node, with its {@link DbTimeouts}, the driver's own session state
     * ({@link DbSessionState}: no round trip that changes nothing) and a span per statement run
     * inside a trace (named {@code db-<role>} in traces): for processes outside Stores too.
     */
    public static DbClient database(Config store) {
        return DbClient.builder(DbSessionState.apply(DbTimeouts.apply(store)))
                .addService(DbSpans.of("db-" + store.name()))
                .build();
    }

    private static Optional<RedisClient> redis(Config config) {
        Optional<String> url = config.get("url").asString().asOptional().filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.get());
        Duration timeout = config.get("timeout").as(Duration.class).orElse(DEFAULT_REDIS_TIMEOUT);
        Duration connect = config.get("connect-timeout").as(Duration.class).orElse(timeout);
        // Jedis waits for a free pooled connection forever by default: a slow Redis would queue every request.
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxWait(config.get("pool.max-wait").as(Duration.class).orElse(timeout));
        pool.setMaxTotal(config.get("pool.max-total").asInt().orElse(DEFAULT_REDIS_POOL_SIZE));
        return Optional.of(RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis((int) connect.toMillis())
                        .socketTimeoutMillis((int) timeout.toMillis())
                        .build())
                .poolConfig(pool)
                .build());
    }
}
