package io.tandem.drill;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the order databases (db.a.jdbc, db.b.jdbc) as the admin user: the drill's checks come from here. */
public final class Databases {
    private static final Pattern CART_ID = Pattern.compile("\"cartId\"\\s*:\\s*\"([^\"]+)\"");
    private final Env env;

    public Databases(Env env) {
        this.env = env;
    }

    /** The order databases by name ("a", "b") and JDBC URL. */
    public Map<String, String> orderDbs() {
        Map<String, String> dbs = new LinkedHashMap<>();
        dbs.put("a", env.get("db.a.jdbc"));
        dbs.put("b", env.get("db.b.jdbc"));
        return dbs;
    }

    public Connection connect(String jdbc) throws SQLException {
        return connect(jdbc, env.get("db.admin.user"), env.get("db.admin.password"));
    }

    /** As the application's user ({@code db.app.*}): what the services may do, e.g. not write to a read-only db. */
    public Connection connectAsApp(String jdbc) throws SQLException {
        return connect(jdbc, env.get("db.app.user"), env.get("db.app.password"));
    }

    private static Connection connect(String jdbc, String user, String password) throws SQLException {
        String url = jdbc + (jdbc.contains("?") ? "&" : "?") + "connectTimeout=2000&socketTimeout=10000";
        return DriverManager.getConnection(url, user, password);
    }

    /** Orders of users whose id starts with the prefix. */
    public List<OrderRow> orders(String db, String userPrefix) throws SQLException {
        List<OrderRow> rows = new ArrayList<>();
        try (Connection c = connect(orderDbs().get(db));
             PreparedStatement st = c.prepareStatement("SELECT order_number, cluster, user_id, idempotency_key, status,"
                     + " request_json, created_at, address_id FROM orders WHERE user_id LIKE ?")) {
            st.setString(1, userPrefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Matcher cart = CART_ID.matcher(rs.getString(6));
                    rows.add(new OrderRow(db, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), cart.find() ? cart.group(1) : null, rs.getLong(7), rs.getString(8),
                            lines(rs.getString(6))));
                }
            }
        }
        return rows;
    }

    /** Product id to quantity of a stored order's request ({@code {"lines":[{"productId","quantity"}],...}}). */
    static Map<String, Integer> lines(String requestJson) {
        Map<String, Integer> lines = new java.util.TreeMap<>();
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(requestJson))) {
            var array = reader.readObject().getJsonArray("lines");
            if (array != null) {
                array.forEach(v -> lines.merge(v.asJsonObject().getString("productId"), v.asJsonObject().getInt("quantity"),
                        Integer::sum));
            }
        }
        return lines;
    }

    /** The owner of each address id that db-a holds (addresses live there). */
    public Map<String, String> addressOwners(java.util.Collection<String> addressIds) throws SQLException {
        Map<String, String> owners = new LinkedHashMap<>();
        List<String> ids = List.copyOf(addressIds);
        try (Connection c = connect(env.get("db.a.jdbc"))) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement st = c.prepareStatement("SELECT address_id, user_id FROM address WHERE address_id IN ("
                        + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        st.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            owners.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        }
        return owners;
    }

    /** Succeeded charges per order number, made since a time (epoch millis). */
    public Map<String, Integer> charges(String db, long since) throws SQLException {
        Map<String, Integer> charges = new LinkedHashMap<>();
        try (Connection c = connect(orderDbs().get(db));
             PreparedStatement st = c.prepareStatement("SELECT order_number, COUNT(*) FROM payment"
                     + " WHERE kind = 'CHARGE' AND status = 'SUCCEEDED' AND created_at >= ? GROUP BY order_number")) {
            st.setLong(1, since);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    charges.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return charges;
    }

    /** Order numbers among these that the database holds (any user). */
    public List<String> existing(String db, List<String> numbers) throws SQLException {
        List<String> found = new ArrayList<>();
        if (numbers.isEmpty()) {
            return found;
        }
        try (Connection c = connect(orderDbs().get(db))) {
            for (int from = 0; from < numbers.size(); from += 500) {
                List<String> part = numbers.subList(from, Math.min(numbers.size(), from + 500));
                String marks = String.join(",", part.stream().map(n -> "?").toList());
                try (PreparedStatement st = c.prepareStatement("SELECT order_number FROM orders WHERE order_number IN (" + marks + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        st.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Orders of the prefix's users created since a time, counted by discountStatus (from the priced lines). */
    public Map<String, Long> discounts(String userPrefix, long from) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Pattern status = Pattern.compile("\"discountStatus\"\\s*:\\s*\"([A-Z_]+)\"");
        for (String db : orderDbs().keySet()) {
            try (Connection c = connect(orderDbs().get(db));
                 PreparedStatement st = c.prepareStatement("SELECT pricing_json FROM orders WHERE user_id LIKE ?"
                         + " AND created_at >= ? AND pricing_json IS NOT NULL")) {
                st.setString(1, userPrefix + "%");
                st.setLong(2, from);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Matcher m = status.matcher(rs.getString(1));
                        counts.merge(m.find() ? m.group(1) : "NONE", 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }
}
