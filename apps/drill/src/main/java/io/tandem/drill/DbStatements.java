package io.tandem.drill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statements each database of the environment has run so far (MariaDB's {@code Questions}: every statement a client
 * sent, the {@code SET}s a driver sends included). Between two readings, per checkout, it counts round trips: unlike
 * CPU time it does not depend on how busy the machine is, so a change that saves round trips shows exactly. Each
 * database is read on one connection kept open between readings, so a reading adds exactly its own statement (a new
 * connection would add the driver's set-up statements too).
 */
final class DbStatements implements AutoCloseable {
    private final Databases databases;
    private final Map<String, String> jdbc = new LinkedHashMap<>();
    private final Map<String, Connection> open = new LinkedHashMap<>();

    DbStatements(Env env) {
        this.databases = new Databases(env);
        // named as the bench's process table names the databases' processes
        jdbc.put("db-a", env.get("db.a.jdbc"));
        jdbc.put("db-a-replica", env.get("db.replica.jdbc"));
        jdbc.put("db-b", env.get("db.b.jdbc"));
        jdbc.put("db-stock", env.get("db.stock.jdbc"));
    }

    /** Statements so far by database; one that does not answer is left out (its figure is then missing). */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.forEach((name, url) -> {
            try {
                Connection c = open.get(name);
                if (c == null) {
                    c = databases.connect(url);
                    open.put(name, c);
                }
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
                    if (rs.next()) {
                        out.put(name, rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                // down or fenced: no figure for it; the next reading connects again
                closeQuietly(open.remove(name));
            }
        });
        return out;
    }

    @Override
    public void close() {
        open.values().forEach(DbStatements::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being dropped either way
            }
        }
    }

    /** Statements per checkout between two readings; the reading's own statement is taken off. */
    static String perCheckout(Map<String, Long> before, Map<String, Long> after, long checkouts) {
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (var e : after.entrySet()) {
            Long was = before.get(e.getKey());
            if (was == null) {
                continue;
            }
            long n = Math.max(0, e.getValue() - was - 1);
            total += n;
            line.append(String.format(" %s %.1f,", e.getKey(), n / (double) Math.max(1, checkouts)));
        }
        return String.format("%.1f (%s)", total / (double) Math.max(1, checkouts),
                line.length() == 0 ? "none read" : line.substring(1, line.length() - 1));
    }
}
