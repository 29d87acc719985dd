package io.tandem.order.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes events into {@code outbox} inside the caller's transaction; the relay publishes them. */
public final class Outbox {
    /** The topic confirmed orders go to. */
    public static final String ORDER_CONFIRMED = "order.confirmed";

    private Outbox() {
    }

    /** Adds an event; the unique (topic, key) makes a second write of the same event fail, never duplicate. */
    public static void add(Connection c, String cluster, String topic, String key, String payload, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (cluster, topic, message_key, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, cluster);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.setLong(5, now);
            insert.executeUpdate();
        }
    }
}
