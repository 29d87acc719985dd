package io.tandem.common.store;

import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import redis.clients.jedis.RedisClient;

/** Readiness probes that really talk to a store: a query on a database, a PING on Redis. */
final class StoreProbes {
    private StoreProbes() {
    }

    /**
     * How long the probe may wait is the pool's connection timeout (db.*.connection.connectionTimeout), then the
     * statement's own (db.*.timeout.query).
     *
     * @param statement what the probe runs ({@code db.<role>.probe}, {@link Stores#DEFAULT_PROBE}): a statement on
     *                  the role's own table also fails while that table is locked or its statements pile up, where
     *                  {@code SELECT 1} answers as soon as the pool has a free connection
     */
    static HealthCheck database(String name, DbClient db, String statement) {
        return probe(name, () -> {
            db.execute().query(statement).count();
            return "ok";
        }, "store", "database");
    }

    static HealthCheck redis(String name, RedisClient redis) {
        return probe(name, redis::ping, "store", "redis");
    }

    private static HealthCheck probe(String name, Probe probe, String detailKey, String detailValue) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public HealthCheckResponse call() {
                try {
                    String answer = probe.run();
                    return HealthCheckResponse.builder().status(true).detail("answer", answer)
                            .detail(detailKey, detailValue).build();
                } catch (RuntimeException e) {
                    return HealthCheckResponse.builder().status(false)
                            .detail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
                }
            }
        };
    }

    @FunctionalInterface
    private interface Probe {
        String run();
    }
}
