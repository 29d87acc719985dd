package io.tandem.order.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;

import io.tandem.order.domain.OrderRecord;
import io.tandem.order.domain.OrderRepository;
import io.tandem.order.domain.OrderStatus;
import io.tandem.order.outbox.Outbox;

/**
 * The {@code orders} table (and {@code cart_order}, and the outbox row of a confirm): the {@link OrderRepository} of
 * the order database. Single statements through the DbClient; what must commit together (a placement and its cart
 * claim, a confirm and its outbox row) in one JDBC transaction ({@link Transactions}).
 */
public final class Orders implements OrderRepository {
    private final DbClient db;
    private final Transactions transactions;

    public Orders(DbClient db, Transactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * A new CREATED order bound to its cart, in one transaction: the order row, and the cart's claim (a cart whose
     * order FAILED is claimed anew; one with a live order is refused). The unique idempotency key says whether this
     * user already placed this request: no read before the write.
     */
    @Override
    public Placement place(String number, String cluster, String userId, String key, String fingerprint,
                           String cartId, String addressId, String requestJson, long now) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (order_number, cluster, user_id,"
                    + " idempotency_key, fingerprint, status, request_json, cart_id, address_id, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?, ?)")) {
                bind(insert, number, cluster, userId, key, fingerprint, requestJson, cartId, addressId, now, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (duplicate(e)) {
                    c.rollback();
                    return Placement.keyTaken();
                }
                throw e;
            }
            Placement claim = claimCart(c, cartId, number, userId, now);
            if (claim.outcome() == Outcome.CART_TAKEN) {
                c.rollback();
            }
            return claim;
        });
    }

    /**
     * Claims the cart for the order: PLACED (first of its cart when the cart had no order row yet), or CART_TAKEN
     * naming the live order that has it.
     */
    private static Placement claimCart(Connection c, String cartId, String number, String userId, long now)
            throws SQLException {
        try (PreparedStatement claim = c.prepareStatement("INSERT IGNORE INTO cart_order (cart_id, order_number,"
                + " user_id, updated_at) VALUES (?, ?, ?, ?)")) {
            bind(claim, cartId, number, userId, now);
            if (claim.executeUpdate() == 1) {
                return Placement.placed(true);
            }
        }
        String holder;
        String status;
        try (PreparedStatement select = c.prepareStatement("SELECT c.order_number, o.status FROM cart_order c"
                + " LEFT JOIN orders o ON o.order_number = c.order_number WHERE c.cart_id = ? FOR UPDATE")) {
            bind(select, cartId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                holder = rs.getString(1);
                status = rs.getString(2);
            }
        }
        if (!"FAILED".equals(status)) {
            return Placement.cartTaken(holder);
        }
        try (PreparedStatement take = c.prepareStatement("UPDATE cart_order SET order_number = ?, updated_at = ?"
                + " WHERE cart_id = ? AND order_number = ?")) {
            bind(take, number, now, cartId, holder);
            // a new order of a cart whose order FAILED: the session had placed one already
            return take.executeUpdate() == 1 ? Placement.placed(false) : Placement.cartTaken(holder);
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
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

    @Override
    public Optional<OrderRecord> find(String number) {
        return db.execute().get("SELECT * FROM orders WHERE order_number = ?", number).map(OrderRows::from);
    }

    @Override
    public Optional<OrderRecord> findByKey(String userId, String key) {
        return db.execute().get("SELECT * FROM orders WHERE user_id = ? AND idempotency_key = ?", userId, key)
                .map(OrderRows::from);
    }

    /** The user's orders, newest first. */
    @Override
    public List<OrderRecord> byUser(String userId, int limit) {
        return db.execute().query("SELECT * FROM orders WHERE user_id = ? ORDER BY order_number DESC LIMIT ?",
                userId, limit).map(OrderRows::from).toList();
    }

    /**
     * FAILED at pricing with the new prices kept (CREATED -> FAILED): the client reads the new total from the order
     * and may place the cart again with it.
     */
    @Override
    public boolean failPriced(String number, String pricingJson, long totalCents, String currency, String code,
                              String message, String hint) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'FAILED', pricing_json = ?, total_cents = ?, currency = ?,"
                        + " priced_at = ?, failed_step = 'price', failure_code = ?, failure_message = ?,"
                        + " failure_hint = ?, failed_at = ?, updated_at = ? WHERE order_number = ? AND status = 'CREATED'",
                pricingJson, totalCents, currency, now, code, message, hint, now, now, number) == 1;
    }

    /** @param now the time stored as {@code priced_at} and {@code updated_at} */
    @Override
    public boolean markPriced(String number, String pricingJson, long totalCents, String currency, long now) {
        return db.execute().dml("UPDATE orders SET status = 'PRICED', pricing_json = ?, total_cents = ?, currency = ?,"
                + " priced_at = ?, updated_at = ? WHERE order_number = ? AND status = 'CREATED'",
                pricingJson, totalCents, currency, now, now, number) == 1;
    }

    /** @param now the time stored as {@code reserved_at} and {@code updated_at} */
    @Override
    public boolean markReserved(String number, long now) {
        return db.execute().dml("UPDATE orders SET status = 'RESERVED', reserved_at = ?, updated_at = ?"
                + " WHERE order_number = ? AND status = 'PRICED'", now, now, number) == 1;
    }

    /** @param now the time stored as {@code paid_at} and {@code updated_at} */
    @Override
    public boolean markPaid(String number, String paymentId, long now) {
        return db.execute().dml("UPDATE orders SET status = 'PAID', payment_id = ?, paid_at = ?, updated_at = ?"
                + " WHERE order_number = ? AND status = 'RESERVED'", paymentId, now, now, number) == 1;
    }

    @Override
    public boolean confirm(String number, String cluster, String eventJson, long now) {
        return transactions.inTransaction(c -> {
            int changed;
            try (PreparedStatement update = c.prepareStatement("UPDATE orders SET status = 'CONFIRMED',"
                    + " confirmed_at = ?, updated_at = ? WHERE order_number = ? AND status = 'PAID'")) {
                bind(update, now, now, number);
                changed = update.executeUpdate();
            }
            if (changed == 1) {
                Outbox.add(c, cluster, Outbox.ORDER_CONFIRMED, number, eventJson, now);
            }
            return changed == 1;
        });
    }

    /** FAILED with a reason the client can act on; only from the status the failing step started in. */
    @Override
    public boolean markFailed(String number, OrderStatus from, String step, String code, String message, String hint) {
        long now = System.currentTimeMillis();
        return db.execute().dml("UPDATE orders SET status = 'FAILED', failed_step = ?, failure_code = ?,"
                        + " failure_message = ?, failure_hint = ?, failed_at = ?, updated_at = ?"
                        + " WHERE order_number = ? AND status = ?",
                step, code, message, hint, now, now, number, from.name()) == 1;
    }

    /** Unfinished orders not touched for a while: the sweeper makes sure each has a scheduled task. */
    @Override
    public List<String> unfinishedIdleSince(String cluster, long before, int limit) {
        return db.execute().query("SELECT order_number FROM orders WHERE status IN ('CREATED', 'PRICED', 'RESERVED',"
                        + " 'PAID') AND cluster = ? AND updated_at < ? ORDER BY updated_at LIMIT ?", cluster, before, limit)
                .map(row -> row.column("order_number").getString()).toList();
    }
}
