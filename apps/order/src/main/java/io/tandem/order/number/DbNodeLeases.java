package io.tandem.order.number;

import java.time.Duration;
import java.util.Optional;

import io.helidon.dbclient.DbClient;

/**
 * Node leases in the cluster's order database (table {@code order_node_lease}, migration V5: one row per cluster letter
 * and node id, so taking one is one UPDATE). Every expiry is judged on the database's clock ({@link #NOW_MS}, taken
 * once per statement), never on a process's: processes on machines whose clocks disagree still agree on who holds
 * what. Each statement locks the one row it changes (the acquire, the rows it scans), so an acquire and a holder's
 * fenced mark store are serialized: the next holder reads the mark after the last store the old holder was allowed.
 */
public final class DbNodeLeases implements NodeLeases {
    /**
     * Epoch milliseconds of the database's clock, in UTC (no daylight-saving hour read twice, whatever the server's
     * time zone); constant within a statement.
     */
    static final String NOW_MS = "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)";

    private final DbClient db;

    public DbNodeLeases(DbClient db) {
        this.db = db;
    }

    @Override
    public Optional<Taken> acquire(String cluster, String token, int preferred, Duration ttl) {
        long taken = db.execute().dml("UPDATE order_node_lease SET holder = ?, acquired_at = " + NOW_MS
                        + ", expires_at = " + NOW_MS + " + ? WHERE cluster = ? AND expires_at <= " + NOW_MS
                        + " ORDER BY node = ? DESC, node LIMIT 1",
                token, ttl.toMillis(), cluster, preferred);
        if (taken == 0) {
            return Optional.empty();
        }
        return db.execute().get("SELECT node, mark_millis FROM order_node_lease WHERE cluster = ? AND holder = ?",
                        cluster, token)
                .map(row -> new Taken(row.column("node").getInt(), row.column("mark_millis").getLong()));
    }

    @Override
    public boolean renew(String cluster, int node, String token, Duration ttl) {
        return db.execute().dml("UPDATE order_node_lease SET expires_at = " + NOW_MS + " + ? WHERE cluster = ?"
                + " AND node = ? AND holder = ? AND expires_at > " + NOW_MS, ttl.toMillis(), cluster, node, token) == 1;
    }

    @Override
    public void release(String cluster, int node, String token) {
        db.execute().dml("UPDATE order_node_lease SET expires_at = " + NOW_MS + " WHERE cluster = ? AND node = ?"
                + " AND holder = ? AND expires_at > " + NOW_MS, cluster, node, token);
    }

    @Override
    public boolean storeMark(String cluster, int node, String token, long mark) {
        // Matched rows (Connector/J's default count) is 1 while held. Even counting changed rows it is 1: a holder
        // only ever stores a mark above the one it read when it took the lease, and no one else may store.
        return db.execute().dml("UPDATE order_node_lease SET mark_millis = GREATEST(mark_millis, ?) WHERE cluster = ?"
                + " AND node = ? AND holder = ? AND expires_at > " + NOW_MS, mark, cluster, node, token) == 1;
    }
}
