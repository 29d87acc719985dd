package io.tandem.notifier;

import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** The {@code notification} table: inserting an order's notification a second time changes nothing. */
public final class Notifications {
    private final DbClient db;

    public Notifications(DbClient db) {
        this.db = db;
    }

    /** @return true when this call made the notification, false when the order already had one */
    public boolean notifyOnce(String orderNumber, String userId, String body, String topic, int partition,
                              long offset, String consumer) {
        return db.execute().dml("INSERT IGNORE INTO notification (order_number, user_id, channel, body, topic,"
                        + " kafka_partition, kafka_offset, consumer, created_at) VALUES (?, ?, 'email', ?, ?, ?, ?, ?, ?)",
                orderNumber, userId, body, topic, partition, offset, consumer, System.currentTimeMillis()) == 1;
    }

    public Optional<DbRow> find(String orderNumber) {
        return db.execute().get("SELECT * FROM notification WHERE order_number = ?", orderNumber);
    }
}
