package io.tandem.drill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stock side of a run, read from the stock service's own database ({@code db.stock.jdbc}, as the admin user):
 * <ul>
 *     <li><b>oversold</b>: products whose sold + held exceeds what was ever supplied (or went negative), and
 *     the run's CONFIRMED orders whose reservation is not COMMITTED (a sale the stock never counted);</li>
 *     <li><b>holdsLeft</b>: the run's FAILED orders whose reservation is still HELD once the run settled.</li>
 * </ul>
 * A database that cannot be read is an "unreachable" problem (never a silent pass).
 */
final class StockCheck {
    private static final int CHUNK = 500;
    private final Env env;
    private final Databases dbs;

    StockCheck(Env env) {
        this.env = env;
        this.dbs = new Databases(env);
    }

    /**
     * @param oversold  products sold beyond their stock, plus confirmed orders without a committed hold
     * @param holdsLeft failed orders still holding stock
     * @param problems  one line per finding
     */
    record Result(int oversold, int holdsLeft, List<String> problems) {
        boolean clean() {
            return oversold == 0 && holdsLeft == 0 && problems.stream().noneMatch(p -> p.startsWith("unreachable"));
        }
    }

    Result check(Collection<OrderRow> orders) {
        List<String> problems = new ArrayList<>();
        String jdbc = env.get("db.stock.jdbc", null);
        if (jdbc == null) {
            return new Result(0, 0, List.of("unreachable: db-stock (no db.stock.jdbc in " + env.file() + ")"));
        }
        int oversold = 0;
        int holdsLeft = 0;
        try (Connection c = dbs.connect(jdbc)) {
            try (PreparedStatement st = c.prepareStatement("SELECT product_id, supplied, held, sold FROM stock"
                    + " WHERE sold + held > supplied OR held < 0 OR sold < 0");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    oversold++;
                    problems.add("oversold: " + rs.getString(1) + " supplied " + rs.getInt(2) + ", held " + rs.getInt(3)
                            + ", sold " + rs.getInt(4));
                }
            }
            List<String> failed = orders.stream().filter(o -> o.status().equals("FAILED")).map(OrderRow::orderNumber).toList();
            for (String number : statusIs(c, failed, "HELD")) {
                holdsLeft++;
                problems.add("hold left: FAILED order " + number + " still holds stock");
            }
            List<String> confirmed = orders.stream().filter(o -> o.status().equals("CONFIRMED")).map(OrderRow::orderNumber).toList();
            List<String> committed = statusIs(c, confirmed, "COMMITTED");
            for (String number : confirmed) {
                if (!committed.contains(number)) {
                    oversold++;
                    problems.add("oversold: CONFIRMED order " + number + " has no committed stock");
                }
            }
        } catch (SQLException e) {
            problems.add("unreachable: db-stock: " + e.getMessage());
        }
        return new Result(oversold, holdsLeft, problems);
    }

    private static List<String> statusIs(Connection c, List<String> numbers, String status) throws SQLException {
        List<String> found = new ArrayList<>();
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            List<String> part = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
            String marks = String.join(",", part.stream().map(n -> "?").toList());
            try (PreparedStatement st = c.prepareStatement("SELECT order_number FROM reservation WHERE status = ?"
                    + " AND order_number IN (" + marks + ")")) {
                st.setString(1, status);
                for (int i = 0; i < part.size(); i++) {
                    st.setString(i + 2, part.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
