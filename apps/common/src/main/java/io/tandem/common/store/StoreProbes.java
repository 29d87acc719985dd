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

    /** How long the probe may wait is the pool's connection timeout (db.*.connection.connectionTimeout). */
    static HealthCheck database(String name, DbClient db) {
        return probe(name, () -> db.execute().query("SELECT 1").count() == 1 ? "ok" : "no row", "store", "database");
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
