package io.tandem.order.store;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;

import io.tandem.order.sagas.placeorder.OrderStatus;

/**
 * The {@code orders} table. Every change of status names the status it moves from, so a step applied twice
 * (a retry, a second worker, a resumed crash) changes nothing the second time.
 */
public final class Orders {
    private final DbClient db;
    public Orders(DbClient db) {
        this.db = db;
    }

    /**
     * A new CREATED order, in one autocommitted statement; false when this user already placed an order with
     * this idempotency key (the unique key says so: no read before the write).
     */
    public boolean insert(String number, String cluster, String userId, String key, String fingerprint,
                          String requestJson, long now) {
        try {
            return db.execute().insert("INSERT INTO orders (order_number, cluster, user_id, idempotency_key,"
                    + " fingerprint, status, request_json, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'CREATED', ?, ?, ?)",
                    number, cluster, userId, key, fingerprint, requestJson, now, now) == 1;
        } catch (RuntimeException e) {
            if (duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || (t instanceof java.sql.SQLException sql && "23000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    public Optional<OrderRecord> find(String number) {
        return db.execute().get("SELECT * FROM orders WHERE order_number = ?", number).map(OrderRecord::from);
    }

    public Optional<OrderRecord> findByKey(String userId, String key) {
        return db.execute().get("SELECT * FROM orders WHERE user_id = ? AND idempotency_key = ?", userId, key)
                .map(OrderRecord::from);
    }

    /** The user's orders, newest first. */
    public List<OrderRecord> byUser(String userId, int limit) {
        return db.execute().query("SELECT * FROM orders WHERE user_id = ? ORDER BY order_number DESC LIMIT ?",
                userId, limit).map(OrderRecord::from).toList();
    }

    public boolean markPriced(String number, String pricingJson, long totalCents, String currency) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'PRICED', pricing_json = ?, total_cents = ?, currency = ?,"
                + " priced_at = ?, updated_at = ? WHERE order_number = ? AND status = 'CREATED'",
                pricingJson, totalCents, currency, now, now, number) == 1;
    }

    public boolean markReserved(String number) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'RESERVED', reserved_at = ?, updated_at = ?"
                + " WHERE order_number = ? AND status = 'PRICED'", now, now, number) == 1;
    }

    public boolean markPaid(String number, String paymentId) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'PAID', payment_id = ?, paid_at = ?, updated_at = ?"
                + " WHERE order_number = ? AND status = 'RESERVED'", paymentId, now, now, number) == 1;
    }

    /** FAILED with a reason the client can act on; only from the status the failing step started in. */
    public boolean markFailed(String number, OrderStatus from, String step, String code, String message, String hint) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'FAILED', failed_step = ?, failure_code = ?,"
                        + " failure_message = ?, failure_hint = ?, failed_at = ?, updated_at = ?"
                        + " WHERE order_number = ? AND status = ?",
                step, code, message, hint, now, now, number, from.name()) == 1;
    }

    /** Unfinished orders not touched for a while: the sweeper makes sure each has a scheduled task. */
    public List<String> unfinishedIdleSince(String cluster, long before, int limit) {
        return db.execute().query("SELECT order_number FROM orders WHERE status IN ('CREATED', 'PRICED', 'RESERVED',"
                        + " 'PAID') AND cluster = ? AND updated_at < ? ORDER BY updated_at LIMIT ?", cluster, before, limit)
                .map(row -> row.column("order_number").getString()).toList();
    }
}
