package io.tandem.order.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.tandem.common.trace.Traces;

/** Writes events into {@code outbox} inside the caller's transaction; the relay publishes them. */
public final class Outbox {
    /** The topic confirmed orders go to. */
    public static final String ORDER_CONFIRMED = "order.confirmed";

    private Outbox() {
    }

    /**
     * Adds an event; the unique (topic, key) makes a second write of the same event fail, never duplicate. The
     * current trace context (the saga step's) is stored with it, for the relay to send in the record's headers.
     */
    public static void add(Connection c, String cluster, String topic, String key, String payload, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox (cluster, topic, message_key, payload,"
                + " created_at, traceparent) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, cluster);
            insert.setString(2, topic);
            insert.setString(3, key);
            insert.setString(4, payload);
            insert.setLong(5, now);
            insert.setString(6, Traces.traceparent());
            insert.executeUpdate();
        }
    }
}
