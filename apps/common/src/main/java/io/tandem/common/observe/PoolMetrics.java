package io.tandem.common.observe;

import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import redis.clients.jedis.RedisClient;

/**
 * Pool use as gauges: the Redis connection pool ({@code tandem.pool.active|idle|waiting}, pool=redis) and every
 * Hikari pool that registers its MBeans (config {@code db.<role>.connection.registerMbeans: true} and a
 * {@code poolName}), read at scrape time.
 */
public final class PoolMetrics {
    private PoolMetrics() {
    }

    public static void redis(RedisClient redis) {
        var pool = redis.getPool();
        gauge("redis", "active", () -> pool.getNumActive());
        gauge("redis", "idle", () -> pool.getNumIdle());
        gauge("redis", "waiting", () -> pool.getNumWaiters());
    }

    /** Hikari pools present now (they register when first used; call after start-up). */
    public static void hikari() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("com.zaxxer.hikari:type=Pool (*"), null)) {
                String pool = name.getKeyProperty("type").replace("Pool (", "").replace(")", "");
                gauge(pool, "active", () -> attribute(server, name, "ActiveConnections"));
                gauge(pool, "idle", () -> attribute(server, name, "IdleConnections"));
                gauge(pool, "waiting", () -> attribute(server, name, "ThreadsAwaitingConnection"));
            }
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int attribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            return ((Number) server.getAttribute(name, attribute)).intValue();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void gauge(String pool, String what, java.util.function.Supplier<Integer> value) {
        Metrics.globalRegistry().getOrCreate(Gauge.builder("tandem.pool." + what, value)
                .tags(List.of(Tag.create("pool", pool)))
                .description("Connections " + what + " in the pool"));
    }
}
