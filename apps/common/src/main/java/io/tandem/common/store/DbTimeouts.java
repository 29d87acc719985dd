package io.tandem.common.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.helidon.common.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Every timeout between a service and a database, from one {@code timeout} node per store role, with the house
 * cascade (service to database: 2 s) as defaults, turned into the pool's (Hikari) and the driver's
 * (mysql-connector-j) own settings. Without them a database that stops answering holds a request, and the pool
 * connection under it, for as long as the TCP connection lives.
 * <pre>
 * db.&lt;role&gt;.timeout:
 *   connect: PT2S        # TCP connect and the handshake's first answer (driver connectTimeout)
 *   socket: PT2.5S       # longest wait for any answer on an open connection (driver socketTimeout); a dead or
 *                        # blackholed database costs a statement at most this; the connection is then dropped
 *   query: PT2S          # the server stops a statement running longer (MariaDB max_statement_time, session
 *                        # variable): a slow query ends with an error and its connection stays usable; PT0S = off
 *                        # (MySQL has no such variable: set PT0S there)
 *   pool-wait: PT2S      # longest wait for a pooled connection (Hikari connectionTimeout)
 *   validation: PT1S     # the liveness check of an idle connection before it is lent (Hikari validationTimeout)
 * </pre>
 * A pool or driver key set explicitly under {@code connection} ({@code connectionTimeout},
 * {@code dataSource.socketTimeout}, ...) wins over what this derives.
 */
public final class DbTimeouts {
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(2);
    /** Above the query timeout, so a live server's own abort (connection kept) normally comes first. */
    public static final Duration DEFAULT_SOCKET = Duration.ofMillis(2500);
    public static final Duration DEFAULT_QUERY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(2);
    /** Hikari's floor is 250 ms; below the pool wait so one dead idle connection does not use the whole wait. */
    public static final Duration DEFAULT_VALIDATION = Duration.ofSeconds(1);

    private DbTimeouts() {
    }

    /**
     * The store's config node with the derived pool and driver keys added where they are not set.
     *
     * @param store a {@code db.<role>} node ({@code source}, {@code connection.*}, {@code timeout.*})
     * @return the same node, as a config of its own, ready for {@code DbClient.create}
     */
    public static Config apply(Config store) {
        Map<String, String> keys = new HashMap<>(store.detach().asMap().orElse(Map.of()));
        Config timeout = store.get("timeout");
        keys.putIfAbsent("connection.connectionTimeout", millis(timeout, "pool-wait", DEFAULT_POOL_WAIT));
        keys.putIfAbsent("connection.validationTimeout", millis(timeout, "validation", DEFAULT_VALIDATION));
        keys.putIfAbsent("connection.dataSource.connectTimeout", millis(timeout, "connect", DEFAULT_CONNECT));
        keys.putIfAbsent("connection.dataSource.socketTimeout", millis(timeout, "socket", DEFAULT_SOCKET));
        Duration query = timeout.get("query").as(Duration.class).orElse(DEFAULT_QUERY);
        if (!query.isZero() && !keys.containsKey("connection.dataSource.sessionVariables")) {
            keys.put("connection.dataSource.sessionVariables", "max_statement_time=" + query.toMillis() / 1000.0);
        }
        return io.helidon.config.Config.just(ConfigSources.create(keys));
    }

    private static String millis(Config timeout, String key, Duration fallback) {
        return Long.toString(timeout.get(key).as(Duration.class).orElse(fallback).toMillis());
    }
}
