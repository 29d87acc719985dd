package io.tandem.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.tandem.common.pricing.Product;
import io.tandem.common.stock.StockLevel;
import io.tandem.common.stock.StockLine;

/**
 * The stock and its reservations in db-stock. Every write is one transaction keyed by order number, so a repeat
 * finds what the first stored and answers the same. Locks are always taken in one order: the order's reservation
 * row first, then stock rows by product id; a hold is a conditional update
 * ({@code held = held + q WHERE supplied - sold - held >= q}), so two holds never both take the last unit.
 */
final class StockStore {
    private static final int SEED_BATCH = 500;
    private final Tx tx;
    private final Duration holdTtl;
    private final LongSupplier clock;

    StockStore(Tx tx, Duration holdTtl, LongSupplier clock) {
        this.tx = tx;
        this.holdTtl = holdTtl;
        this.clock = clock;
    }

    /** Thrown inside a transaction to roll it back and answer the refusal. */
    static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /** Inserts the products that are missing (never changes a row that exists); returns how many were added. */
    int seed(List<Product> products) {
        int added = 0;
        for (int from = 0; from < products.size(); from += SEED_BATCH) {
            List<Product> part = products.subList(from, Math.min(products.size(), from + SEED_BATCH));
            added += tx.run(c -> {
                StringBuilder sql = new StringBuilder("INSERT IGNORE INTO stock (product_id, supplied, held, sold, updated_at) VALUES ");
                for (int i = 0; i < part.size(); i++) {
                    sql.append(i == 0 ? "" : ",").append("(?, ?, 0, 0, ?)");
                }
                try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    long now = clock.getAsLong();
                    for (Product product : part) {
                        st.setString(p++, product.productId());
                        st.setInt(p++, product.stock());
                        st.setLong(p++, now);
                    }
                    return st.executeUpdate();
                }
            });
        }
        return added;
    }

    /** Holds all lines or none; see the class comment. */
    Reservation reserve(String orderNumber, List<StockLine> requested) {
        List<StockLine> lines = normalise(requested);
        return tx.run(c -> {
            Optional<Reservation> existing = lock(c, orderNumber);
            long now = clock.getAsLong();
            if (existing.isPresent()) {
                Reservation r = existing.get();
                switch (r.status()) {
                    case Reservation.RELEASED -> throw new Refused(new Refusal(409, "RESERVATION_RELEASED", null,
                            "order " + orderNumber + " was released before: it holds no stock again",
                            "place a new order"));
                    case Reservation.HELD, Reservation.COMMITTED -> {
                        sameLines(r, lines);
                        return r;
                    }
                    default -> { // EXPIRED: the order is still trying; hold again if the stock is there
                        sameLines(r, lines);
                        hold(c, lines);
                        update(c, "UPDATE reservation SET status = 'HELD', expires_at = ?, updated_at = ? WHERE order_number = ?",
                                now + holdTtl.toMillis(), now, orderNumber);
                        return new Reservation(orderNumber, Reservation.HELD, lines, now + holdTtl.toMillis());
                    }
                }
            }
            // The reservation row first: a second first-call for the same order waits on it, then re-reads.
            update(c, "INSERT INTO reservation (order_number, status, created_at, expires_at, updated_at) VALUES (?, 'HELD', ?, ?, ?)",
                    orderNumber, now, now + holdTtl.toMillis(), now);
            hold(c, lines);
            for (StockLine line : lines) {
                update(c, "INSERT INTO reservation_line (order_number, product_id, quantity) VALUES (?, ?, ?)",
                        orderNumber, line.productId(), line.quantity());
            }
            return new Reservation(orderNumber, Reservation.HELD, lines, now + holdTtl.toMillis());
        });
    }

    /** The hold becomes a sale; an expired hold takes its stock again if it is still there. */
    Reservation commit(String orderNumber) {
        return tx.run(c -> {
            Reservation r = lock(c, orderNumber).orElseThrow(() -> new Refused(notFound(orderNumber)));
            long now = clock.getAsLong();
            switch (r.status()) {
                case Reservation.COMMITTED -> {
                    return r;
                }
                case Reservation.RELEASED -> throw new Refused(new Refusal(409, "RESERVATION_RELEASED", null,
                        "order " + orderNumber + " was released: nothing to commit", "place a new order"));
                case Reservation.HELD -> {
                    for (StockLine line : r.lines()) {
                        update(c, "UPDATE stock SET held = held - ?, sold = sold + ?, updated_at = ? WHERE product_id = ?",
                                line.quantity(), line.quantity(), now, line.productId());
                    }
                }
                default -> { // EXPIRED
                    for (StockLine line : r.lines()) {
                        int taken = update(c, "UPDATE stock SET sold = sold + ?, updated_at = ? WHERE product_id = ?"
                                + " AND supplied - sold - held >= ?", line.quantity(), now, line.productId(), line.quantity());
                        if (taken == 0) {
                            throw new Refused(new Refusal(409, "HOLD_EXPIRED", line.productId(),
                                    "the hold of order " + orderNumber + " expired and " + line.productId()
                                            + " is no longer in stock", "place the order again"));
                        }
                    }
                }
            }
            update(c, "UPDATE reservation SET status = 'COMMITTED', expires_at = NULL, updated_at = ? WHERE order_number = ?",
                    now, orderNumber);
            return new Reservation(orderNumber, Reservation.COMMITTED, r.lines(), null);
        });
    }

    /** Gives the hold back; an unknown order gets a tombstone, so a late reserve of it is refused. */
    Reservation release(String orderNumber) {
        return tx.run(c -> {
            Optional<Reservation> existing = lock(c, orderNumber);
            long now = clock.getAsLong();
            if (existing.isEmpty()) {
                update(c, "INSERT INTO reservation (order_number, status, created_at, expires_at, updated_at)"
                        + " VALUES (?, 'RELEASED', ?, NULL, ?)", orderNumber, now, now);
                return new Reservation(orderNumber, Reservation.RELEASED, List.of(), null);
            }
            Reservation r = existing.get();
            switch (r.status()) {
                case Reservation.RELEASED -> {
                    return r;
                }
                case Reservation.COMMITTED -> throw new Refused(new Refusal(409, "RESERVATION_COMMITTED", null,
                        "order " + orderNumber + " is committed (sold): it is not released here", "refund or return the order instead"));
                case Reservation.HELD -> giveBack(c, r.lines(), now);
                default -> {
                    // EXPIRED: its stock went back already
                }
            }
            update(c, "UPDATE reservation SET status = 'RELEASED', expires_at = NULL, updated_at = ? WHERE order_number = ?",
                    now, orderNumber);
            return new Reservation(orderNumber, Reservation.RELEASED, r.lines(), null);
        });
    }

    Optional<Reservation> find(String orderNumber) {
        return tx.run(c -> read(c, orderNumber, false));
    }

    /** HELD reservations past their expiry, oldest first. */
    List<String> expiredHolds(int limit) {
        return tx.run(c -> {
            List<String> numbers = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT order_number FROM reservation WHERE status = 'HELD'"
                    + " AND expires_at < ? ORDER BY expires_at LIMIT ?")) {
                st.setLong(1, clock.getAsLong());
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getString(1));
                    }
                }
            }
            return numbers;
        });
    }

    /** Gives an expired hold's stock back (EXPIRED); false when it was committed or released meanwhile. */
    boolean expire(String orderNumber) {
        return tx.run(c -> {
            Optional<Reservation> r = lock(c, orderNumber);
            long now = clock.getAsLong();
            if (r.isEmpty() || !r.get().status().equals(Reservation.HELD) || r.get().expiresAt() >= now) {
                return false;
            }
            giveBack(c, r.get().lines(), now);
            update(c, "UPDATE reservation SET status = 'EXPIRED', updated_at = ? WHERE order_number = ?", now, orderNumber);
            return true;
        });
    }

    /** Levels of the products that exist, in the order asked. */
    Map<String, StockLevel> levels(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return tx.run(c -> {
            Map<String, StockLevel> found = new TreeMap<>();
            String marks = String.join(",", ids.stream().map(id -> "?").toList());
            try (PreparedStatement st = c.prepareStatement("SELECT product_id, supplied - sold - held, held, sold FROM stock"
                    + " WHERE product_id IN (" + marks + ")")) {
                int p = 1;
                for (String id : ids) {
                    st.setString(p++, id);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), new StockLevel(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                    }
                }
            }
            Map<String, StockLevel> ordered = new LinkedHashMap<>();
            ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
            return ordered;
        });
    }

    /** Sets how many units of a product can still be held; what is held or sold stays. Empty: no such product. */
    Optional<StockLevel> setAvailable(String productId, int available) {
        int changed = tx.run(c -> update(c, "UPDATE stock SET supplied = sold + held + ?, updated_at = ? WHERE product_id = ?",
                available, clock.getAsLong(), productId));
        return changed == 0 ? Optional.empty() : Optional.ofNullable(levels(List.of(productId)).get(productId));
    }

    /** Readiness: the database answers and the stock is seeded. */
    long products() {
        return tx.run(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM stock");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void hold(Connection c, List<StockLine> lines) throws SQLException {
        long now = clock.getAsLong();
        for (StockLine line : lines) { // sorted by product id: rows locked in one order
            int taken = update(c, "UPDATE stock SET held = held + ?, updated_at = ? WHERE product_id = ?"
                    + " AND supplied - sold - held >= ?", line.quantity(), now, line.productId(), line.quantity());
            if (taken == 0) {
                throw new Refused(shortOf(c, line));
            }
        }
    }

    private static Refusal shortOf(Connection c, StockLine line) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT supplied - sold - held FROM stock WHERE product_id = ?")) {
            st.setString(1, line.productId());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new Refusal(422, "UNKNOWN_PRODUCT", line.productId(), "no such product " + line.productId(),
                            "remove " + line.productId() + " from the order");
                }
                return new Refusal(409, "OUT_OF_STOCK", line.productId(), "not enough stock of " + line.productId()
                        + " (" + line.quantity() + " wanted, " + Math.max(0, rs.getInt(1)) + " available)",
                        "remove " + line.productId() + " from the order or lower its quantity");
            }
        }
    }

    private void giveBack(Connection c, List<StockLine> lines, long now) throws SQLException {
        for (StockLine line : lines) {
            update(c, "UPDATE stock SET held = held - ?, updated_at = ? WHERE product_id = ?", line.quantity(), now, line.productId());
        }
    }

    private static void sameLines(Reservation r, List<StockLine> lines) {
        if (!r.lines().equals(lines)) {
            throw new Refused(new Refusal(409, "RESERVATION_MISMATCH", null, "order " + r.orderNumber()
                    + " already holds other lines " + r.lines(), "a reservation is keyed by its order: send the same lines"));
        }
    }

    private static Refusal notFound(String orderNumber) {
        return new Refusal(404, "RESERVATION_NOT_FOUND", null, "order " + orderNumber + " has no reservation",
                "reserve first (PUT /v1/reservations/{orderNumber})");
    }

    private static Optional<Reservation> lock(Connection c, String orderNumber) throws SQLException {
        return read(c, orderNumber, true);
    }

    private static Optional<Reservation> read(Connection c, String orderNumber, boolean forUpdate) throws SQLException {
        String status;
        Long expires;
        try (PreparedStatement st = c.prepareStatement("SELECT status, expires_at FROM reservation WHERE order_number = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            st.setString(1, orderNumber);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                status = rs.getString(1);
                long e = rs.getLong(2);
                expires = rs.wasNull() ? null : e;
            }
        }
        List<StockLine> lines = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT product_id, quantity FROM reservation_line"
                + " WHERE order_number = ? ORDER BY product_id")) {
            st.setString(1, orderNumber);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lines.add(new StockLine(rs.getString(1), rs.getInt(2)));
                }
            }
        }
        return Optional.of(new Reservation(orderNumber, status, List.copyOf(lines), expires));
    }

    /** Lines of one product added up, sorted by product id (the lock order). */
    static List<StockLine> normalise(List<StockLine> lines) {
        Map<String, Integer> byProduct = new TreeMap<>(Comparator.naturalOrder());
        lines.forEach(l -> byProduct.merge(l.productId(), l.quantity(), Integer::sum));
        return byProduct.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList();
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }
}
