package io.tandem.order.number;

import io.helidon.dbclient.DbClient;

/**
 * The high-water mark of one cluster node in the cluster's order database (table {@code order_number_mark}),
 * so it lives exactly as long as the orders it numbers.
 */
public final class DbHighWaterMark implements HighWaterMark {
    private final DbClient db;
    private final String cluster;
    private final int node;

    public DbHighWaterMark(DbClient db, String cluster, int node) {
        this.db = db;
        this.cluster = cluster;
        this.node = node;
    }

    @Override
    public long load() {
        return db.execute()
                .get("SELECT mark_millis FROM order_number_mark WHERE cluster = ? AND node = ?", cluster, node)
                .map(row -> row.column("mark_millis").getLong())
                .orElse(-1L);
    }

    @Override
    public void store(long mark) {
        // GREATEST: a mark only moves forward, even if two processes were wrongly given the same node id.
        db.execute().dml("INSERT INTO order_number_mark (cluster, node, mark_millis) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE mark_millis = GREATEST(mark_millis, VALUES(mark_millis))",
                cluster, node, mark);
    }
}
