package io.tandem.common.store;

import java.util.HashMap;
import java.util.Map;

import io.helidon.common.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The driver keeps a connection's session state (autocommit, isolation, read-only) itself and sends only a change
 * (mysql-connector-j {@code useLocalSessionState}). Without it every {@code setAutoCommit} is a {@code SET autocommit}
 * round trip even when nothing changes, and the DbClient sets autocommit around each statement: an idle cluster sent
 * db-a 11 of them a second, more than all its real queries, and a stock transaction was 4 SETs for 3 statements
 * (MariaDB general log, 2026-12-02; bench/README "Round trips"). Each one costs the service, the fault proxy and the
 * database a request. Sound while nothing changes that state in SQL behind the driver's back: no statement of this
 * code base does ({@code SET autocommit}, {@code SET SESSION TRANSACTION}).
 * <pre>
 * db.&lt;role&gt;.connection.dataSource.useLocalSessionState: true   # the default; false sends every SET again
 * </pre>
 */
public final class DbSessionState {
    public static final String KEY = "connection.dataSource.useLocalSessionState";
    public static final boolean DEFAULT_LOCAL = true;

    private DbSessionState() {
    }

    /** The store's config node with {@link #KEY} set to {@link #DEFAULT_LOCAL} unless it is set. */
    public static Config apply(Config store) {
        Map<String, String> keys = new HashMap<>(store.detach().asMap().orElse(Map.of()));
        keys.putIfAbsent(KEY, Boolean.toString(DEFAULT_LOCAL));
        return io.helidon.config.Config.just(ConfigSources.create(keys));
    }
}
