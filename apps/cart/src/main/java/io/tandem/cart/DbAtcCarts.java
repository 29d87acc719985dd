package io.tandem.cart;

import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import io.tandem.common.api.ApiException;
import io.tandem.common.pricing.Line;

/** {@link AtcCarts} in db-a; parameterised statements only. Instants are epoch millis (TOOLCHAIN.md). */
final class DbAtcCarts implements AtcCarts {
    private final DbClient db;

    DbAtcCarts(DbClient db) {
        this.db = db;
    }

    @Override
    public List<Line> lines(String userId) {
        return db.execute().query("SELECT product_id, quantity FROM atc_cart_item WHERE user_id = ? "
                        + "ORDER BY added_at, product_id", userId)
                .map(row -> new Line(row.column("product_id").get(String.class), row.column("quantity").get(Integer.class)))
                .toList();
    }

    @Override
    public int add(String userId, String productId, int quantity, int maxQuantity, int maxLines) {
        DbTransaction tx = db.transaction();
        try {
            // Lock the user's lines so two adds cannot both pass the limits.
            List<DbRow> rows = tx.query("SELECT product_id, quantity FROM atc_cart_item WHERE user_id = ? FOR UPDATE",
                    userId).toList();
            Optional<Integer> current = rows.stream()
                    .filter(row -> productId.equals(row.column("product_id").get(String.class)))
                    .map(row -> row.column("quantity").get(Integer.class))
                    .findFirst();
            long now = System.currentTimeMillis();
            int total;
            if (current.isPresent()) {
                total = current.get() + quantity;
                if (total > maxQuantity) {
                    throw ApiException.refused("QUANTITY_LIMIT", "quantity", "quantity: the cart would hold " + total
                            + " of " + productId + ", more than " + maxQuantity + ".", "Add fewer units.");
                }
                tx.dml("UPDATE atc_cart_item SET quantity = ?, updated_at = ? WHERE user_id = ? AND product_id = ?",
                        total, now, userId, productId);
            } else {
                if (rows.size() >= maxLines) {
                    throw ApiException.refused("CART_FULL", "productId", "The cart already holds " + maxLines
                            + " products.", "Remove a product first, or check out.");
                }
                total = quantity;
                tx.dml("INSERT INTO atc_cart_item (user_id, product_id, quantity, added_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?)", userId, productId, quantity, now, now);
            }
            tx.commit();
            return total;
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    @Override
    public boolean set(String userId, String productId, int quantity) {
        return db.execute().dml("UPDATE atc_cart_item SET quantity = ?, updated_at = ? WHERE user_id = ? AND product_id = ?",
                quantity, System.currentTimeMillis(), userId, productId) > 0
                || exists(userId, productId);
    }

    @Override
    public boolean remove(String userId, String productId) {
        return db.execute().dml("DELETE FROM atc_cart_item WHERE user_id = ? AND product_id = ?", userId, productId) > 0;
    }

    /** MariaDB counts a same-value update as 0 rows changed: that is still "found". */
    private boolean exists(String userId, String productId) {
        return db.execute().get("SELECT 1 FROM atc_cart_item WHERE user_id = ? AND product_id = ?", userId, productId)
                .isPresent();
    }
}
