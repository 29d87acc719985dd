package io.tandem.order.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import io.tandem.order.pricing.PricedOrder;
import io.tandem.order.sagas.placeorder.StepFailure;
import io.tandem.order.store.Transactions;

/**
 * Stock held by this cluster's orders, in its order database: the catalog has no reservation API, so an
 * order may take a product while catalog stock minus what this cluster's orders already hold covers it.
 * Reserve and release are each one transaction and idempotent per order (table {@code order_reservation}).
 */
public final class StockReservations {
    private final Transactions transactions;

    public StockReservations(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Holds every line of the order, or none.
     *
     * @throws StepFailure OUT_OF_STOCK naming the first product that is short
     */
    public void reserve(String orderNumber, PricedOrder order) {
        String shortOf = transactions.inTransaction(c -> {
            if (alreadyReserved(c, orderNumber)) {
                return null;
            }
            long now = System.currentTimeMillis();
            // Lock rows in one order (by product id) so two orders never wait on each other in a circle.
            for (PricedOrder.Line line : order.lines().stream()
                    .sorted(Comparator.comparing(PricedOrder.Line::productId)).toList()) {
                update(c, "INSERT IGNORE INTO stock_reserved (product_id, reserved) VALUES (?, 0)", line.productId());
                int taken = update(c, "UPDATE stock_reserved SET reserved = reserved + ? WHERE product_id = ?"
                        + " AND reserved + ? <= ?", line.quantity(), line.productId(), line.quantity(), line.stock());
                if (taken == 0) {
                    c.rollback();
                    return line.productId();
                }
                update(c, "INSERT INTO order_reservation (order_number, product_id, quantity, released, created_at)"
                        + " VALUES (?, ?, ?, 0, ?)", orderNumber, line.productId(), line.quantity(), now);
            }
            return null;
        });
        if (shortOf != null) {
            throw new StepFailure("OUT_OF_STOCK", "not enough stock of " + shortOf,
                    "remove " + shortOf + " from the order or lower its quantity");
        }
    }

    /** Gives back what the order holds; a second call finds nothing left to give. */
    public void release(String orderNumber) {
        transactions.inTransaction(c -> {
            List<Object[]> held = new java.util.ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT product_id, quantity FROM order_reservation"
                    + " WHERE order_number = ? AND released = 0 ORDER BY product_id FOR UPDATE")) {
                select.setString(1, orderNumber);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        held.add(new Object[] {rs.getString(1), rs.getInt(2)});
                    }
                }
            }
            for (Object[] h : held) {
                update(c, "UPDATE stock_reserved SET reserved = reserved - ? WHERE product_id = ?", h[1], h[0]);
                update(c, "UPDATE order_reservation SET released = 1 WHERE order_number = ? AND product_id = ?",
                        orderNumber, h[0]);
            }
            return held.size();
        });
    }

    private static boolean alreadyReserved(Connection c, String orderNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT 1 FROM order_reservation WHERE order_number = ? LIMIT 1")) {
            select.setString(1, orderNumber);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }
}
